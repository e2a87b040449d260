import { DailyLossKillSwitch } from './daily-loss.kill-switch';
import { DrawdownKillSwitch } from './drawdown.kill-switch';
import { HOUR, NOW, SETTINGS, inputs, point } from './test/kill-switch.fixture';

describe('DrawdownKillSwitch', () => {
  const rule = new DrawdownKillSwitch();
  const curve = (equity: number) => [point(30, 9_000), point(20, 10_000), point(10, 9_500), point(0, equity)];
  it.each([
    [8501, false, 14.99, 'DRAWDOWN: equity $8501.00 is 14.99% below its peak $10000.00 (limit 15%)'],
    [8500, true, 15, 'DRAWDOWN: equity $8500.00 is 15.0% below its peak $10000.00 (limit 15%)'],
    [8499, true, 15.01, 'DRAWDOWN: equity $8499.00 is 15.01% below its peak $10000.00 (limit 15%)'],
    [8400, true, 16, 'DRAWDOWN: equity $8400.00 is 16.0% below its peak $10000.00 (limit 15%)'],
    [10_200, false, 0, 'DRAWDOWN: equity $10200.00 is 0.0% below its peak $10200.00 (limit 15%)'],
  ])('equity %p after a $10,000 peak -> tripped %p', (equity, tripped, value, reason) => {
    expect(rule.evaluate(inputs({ equityCurve: curve(equity) }), SETTINGS)).toEqual({ name: 'DRAWDOWN', tripped, value: expect.closeTo(value, 9), threshold: 15, reason });
  });

  it('takes the curve in any order and ignores points after now', () => {
    const reading = rule.evaluate(inputs({ equityCurve: [point(0, 8500), point(-1, 20_000), point(5, 10_000)] }), SETTINGS);
    expect(reading).toMatchObject({ tripped: true, value: expect.closeTo(15, 9) });
  });

  it('is not tripped without history, and fails closed on a peak it cannot divide by', () => {
    expect(rule.evaluate(inputs({ equityCurve: [] }), SETTINGS)).toEqual({ name: 'DRAWDOWN', tripped: false, value: null, threshold: 15, reason: 'DRAWDOWN: no equity history yet (limit 15%)' });
    expect(rule.evaluate(inputs({ equityCurve: [point(1, 0), point(0, 0)] }), SETTINGS)).toMatchObject({ tripped: true, value: null });
    expect(rule.evaluate(inputs({ equityCurve: [point(1, Number.NaN), point(0, 9000)] }), SETTINGS)).toMatchObject({ tripped: true, value: null });
  });
});

describe('DailyLossKillSwitch', () => {
  const rule = new DailyLossKillSwitch();
  // 12,000 30 h ago; 10,000 exactly 24 h ago (the base); 11,000 23 h ago (too young to be the base).
  const curve = (equity: number) => [point(30, 12_000), point(24, 10_000), point(23, 11_000), point(0, equity)];
  it.each([
    [9001, false, 9.99, 'DAILY_LOSS: equity $9001.00 is 9.99% below $10000.00 (24 h ago; limit 10%)'],
    [9000, true, 10, 'DAILY_LOSS: equity $9000.00 is 10.0% below $10000.00 (24 h ago; limit 10%)'],
    [8999, true, 10.01, 'DAILY_LOSS: equity $8999.00 is 10.01% below $10000.00 (24 h ago; limit 10%)'],
    [10_500, false, -5, 'DAILY_LOSS: equity $10500.00 is 5.0% above $10000.00 (24 h ago; limit 10%)'],
  ])('equity %p against $10,000 a day ago -> tripped %p', (equity, tripped, value, reason) => {
    expect(rule.evaluate(inputs({ equityCurve: curve(equity) }), SETTINGS)).toEqual({ name: 'DAILY_LOSS', tripped, value: expect.closeTo(value, 9), threshold: 10, reason });
  });

  it('uses the last point at or before 24 h ago, not an older peak', () => {
    const reading = rule.evaluate(inputs({ equityCurve: [point(40, 20_000), point(25, 10_000), point(0, 9_500)] }), SETTINGS);
    expect(reading).toMatchObject({ tripped: false, value: expect.closeTo(5, 9), reason: 'DAILY_LOSS: equity $9500.00 is 5.0% below $10000.00 (24 h ago; limit 10%)' });
  });

  it('uses the first point while the curve is younger than a day', () => {
    const reading = rule.evaluate(inputs({ now: NOW, equityCurve: [point(5, 10_000), point(2, 9_500), point(0, 9_000)] }), SETTINGS);
    expect(reading).toEqual({ name: 'DAILY_LOSS', tripped: true, value: expect.closeTo(10, 9), threshold: 10, reason: 'DAILY_LOSS: equity $9000.00 is 10.0% below $10000.00 (5.0 h ago, the oldest point; limit 10%)' });
  });

  it('moves with the clock: an hour later the base is the next point', () => {
    const reading = rule.evaluate(inputs({ now: NOW + HOUR, equityCurve: curve(9_900) }), SETTINGS);
    expect(reading.reason).toBe('DAILY_LOSS: equity $9900.00 is 10.0% below $11000.00 (24 h ago; limit 10%)');
    expect(reading.tripped).toBe(true);
  });

  it('is not tripped without history, and fails closed on a base it cannot divide by', () => {
    expect(rule.evaluate(inputs({ equityCurve: [point(-1, 5000)] }), SETTINGS)).toMatchObject({ tripped: false, value: null, reason: 'DAILY_LOSS: no equity history yet (limit 10%)' });
    expect(rule.evaluate(inputs({ equityCurve: [point(25, 0), point(0, 100)] }), SETTINGS)).toMatchObject({ tripped: true, value: null });
  });
});
