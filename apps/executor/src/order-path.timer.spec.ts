import { createMetrics } from '@polybot/observability';
import { OrderPathTimer } from './order-path.timer';

describe('OrderPathTimer', () => {
  it('times each step from the end of the one before, into the log fields and polybot_order_path_seconds', async () => {
    const metrics = createMetrics('executor');
    const clock = [100, 104.5, 112, 112.25];
    const timer = new OrderPathTimer(metrics.orderPath, 'LIVE', () => clock.shift() ?? Number.NaN);

    timer.mark('gate');
    timer.mark('recheck');
    timer.mark('post');

    expect(timer.stepsMs).toEqual({ gate: 4.5, recheck: 7.5, post: 0.25 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('polybot_order_path_seconds_sum{service="executor",mode="LIVE",stage="gate"} 0.0045');
    expect(text).toContain('polybot_order_path_seconds_bucket{le="0.01",service="executor",mode="LIVE",stage="recheck"} 1');
    expect(text).toContain('polybot_order_path_seconds_bucket{le="0.005",service="executor",mode="LIVE",stage="recheck"} 0');
    expect(text).toContain('polybot_order_path_seconds_count{service="executor",mode="LIVE",stage="post"} 1');
  });

  it('hands out a copy of its steps: a log line keeps what it was given', () => {
    let now = 0;
    const timer = new OrderPathTimer(createMetrics('executor').orderPath, 'DRY_RUN', () => (now += 2));
    timer.mark('gate');
    const seen = timer.stepsMs;
    timer.mark('done');
    expect(seen).toEqual({ gate: 2 });
    expect(timer.stepsMs).toEqual({ gate: 2, done: 2 });
  });
});
