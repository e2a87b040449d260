import { SlidingWindowBudget } from './sliding-window.budget';

describe('SlidingWindowBudget', () => {
  it('lets maxPerWindow calls start at once, and the next only when the oldest leaves the window', async () => {
    let clock = 0;
    const budget = new SlidingWindowBudget({ maxPerWindow: 3, windowMs: 50 }, () => clock);
    for (let i = 0; i < 3; i += 1) await budget.take();
    let fourth = false;
    const waiting = budget.take().then(() => (fourth = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fourth).toBe(false);
    clock = 50;
    await waiting;
    expect(fourth).toBe(true);
  });

  it('keeps to the limit in real time', async () => {
    const budget = new SlidingWindowBudget({ maxPerWindow: 5, windowMs: 100 });
    const started: number[] = [];
    await Promise.all(Array.from({ length: 12 }, async () => {
      await budget.take();
      started.push(performance.now());
    }));
    for (let i = 5; i < started.length; i += 1) expect(started[i] - started[i - 5]).toBeGreaterThanOrEqual(99);
  });
});
