import { createLogger } from './logger';
import { RepeatedWarnings } from './repeated-warnings';

function setUp(everyMs = 10_000) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'test', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  let now = 1_000_000;
  const warnings = new RepeatedWarnings(logger, () => now, everyMs);
  return { lines, warnings, advance: (ms: number) => (now += ms) };
}

describe('RepeatedWarnings', () => {
  it('writes the first warning at once, then one per period with how many were left out', () => {
    const { lines, warnings, advance } = setUp();
    for (let i = 0; i < 80; i += 1) {
      warnings.warn('order-1', { order_id: 'order-1', attempt: i }, 'Trades read failed; will look again');
      advance(250);
    }
    // 20 s of failures, one every 250 ms: written at 0 s and at 10 s (the 41st); the next would be due at 20 s, after the 80th.
    expect(lines.map((line) => [line['level'], line['attempt'], line['repeats_left_out']])).toEqual([['WARN', 0, undefined], ['WARN', 40, 39]]);
    expect(lines[0]).toMatchObject({ message: 'Trades read failed; will look again', order_id: 'order-1' });
  });

  it('keeps subjects and messages apart: one failing never hides another', () => {
    const { lines, warnings, advance } = setUp();
    warnings.warn('order-1', {}, 'Trades read failed; will look again');
    warnings.warn('order-2', {}, 'Trades read failed; will look again');
    warnings.warn('order-1', {}, 'Order status read failed; will poll again');
    advance(1_000);
    warnings.warn('order-1', {}, 'Trades read failed; will look again');
    expect(lines).toHaveLength(3);
  });

  it('on forgetting a subject, writes what it left out as one line, then writes its next warning at once', () => {
    const { lines, warnings } = setUp();
    warnings.warn('order-1', { attempt: 1 }, 'Trades read failed; will look again');
    warnings.warn('order-1', { attempt: 2 }, 'Trades read failed; will look again');
    warnings.warn('order-1', { attempt: 3 }, 'Trades read failed; will look again');
    warnings.warn('order-2', { attempt: 1 }, 'Trades read failed; will look again');
    warnings.forget('order-1');
    warnings.forget('order-1');
    warnings.warn('order-1', { attempt: 4 }, 'Trades read failed; will look again');
    expect(lines.map((line) => [line['attempt'], line['repeats_left_out']])).toEqual([[1, undefined], [1, undefined], [3, 2], [4, undefined]]);
  });
});
