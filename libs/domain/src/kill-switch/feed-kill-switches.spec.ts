import { ApiErrorsKillSwitch } from './api-errors.kill-switch';
import { StaleDataKillSwitch } from './stale-data.kill-switch';
import { NOW, SETTINGS, inputs } from './test/kill-switch.fixture';

describe('ApiErrorsKillSwitch', () => {
  const rule = new ApiErrorsKillSwitch();
  const read = (calls: number, errors: number) => rule.evaluate(inputs({ api: { calls, errors } }), SETTINGS);
  it.each([
    [1000, 499, false, 49.9, 'API_ERRORS: 499 of 1000 venue calls failed = 49.9% (limit 50%)'],
    [1000, 500, true, 50, 'API_ERRORS: 500 of 1000 venue calls failed = 50.0% (limit 50%)'],
    [1000, 501, true, 50.1, 'API_ERRORS: 501 of 1000 venue calls failed = 50.1% (limit 50%)'],
    [20, 10, true, 50, 'API_ERRORS: 10 of 20 venue calls failed = 50.0% (limit 50%)'],
    [100, 0, false, 0, 'API_ERRORS: 0 of 100 venue calls failed = 0.0% (limit 50%)'],
  ])('%p calls, %p errors -> tripped %p', (calls, errors, tripped, value, reason) => {
    expect(read(calls, errors)).toEqual({ name: 'API_ERRORS', tripped, value: expect.closeTo(value, 9), threshold: 50, reason });
  });

  it('does not trip on too few calls, however many failed, and says so', () => {
    expect(read(19, 19)).toEqual({ name: 'API_ERRORS', tripped: false, value: 100, threshold: 50, reason: 'API_ERRORS: too few calls to judge: 19 of 19 failed, needs 20 calls (limit 50%)' });
    expect(read(0, 0)).toMatchObject({ tripped: false, value: null });
  });

  it('fails closed on counts that cannot be right', () => {
    expect(read(10, 11)).toEqual({ name: 'API_ERRORS', tripped: true, value: null, threshold: 50, reason: 'API_ERRORS: cannot judge 11 errors in 10 calls: halting to be safe' });
    expect(read(Number.NaN, 0).tripped).toBe(true);
    expect(read(30, -1).tripped).toBe(true);
  });
});

describe('StaleDataKillSwitch', () => {
  const rule = new StaleDataKillSwitch();
  const read = (ageMs: number) => rule.evaluate(inputs({ lastMarketDataAt: NOW - ageMs }), SETTINGS);
  it.each([
    [59_999, false, 59.999, 'STALE_DATA: newest market data is 59.999 s old (limit 60 s)'],
    [60_000, true, 60, 'STALE_DATA: newest market data is 60.0 s old (limit 60 s)'],
    [60_001, true, 60.001, 'STALE_DATA: newest market data is 60.001 s old (limit 60 s)'],
    [5_000, false, 5, 'STALE_DATA: newest market data is 5.0 s old (limit 60 s)'],
  ])('data %p ms old -> tripped %p', (ageMs, tripped, value, reason) => {
    expect(read(ageMs)).toEqual({ name: 'STALE_DATA', tripped, value: expect.closeTo(value, 9), threshold: 60, reason });
  });

  it('is not tripped before any data has arrived: the system is starting', () => {
    expect(rule.evaluate(inputs({ lastMarketDataAt: null }), SETTINGS)).toEqual({
      name: 'STALE_DATA',
      tripped: false,
      value: null,
      threshold: 60,
      reason: 'STALE_DATA: no market data yet (starting up; limit 60 s)',
    });
  });

  it('fails closed on a timestamp it cannot read', () => {
    expect(rule.evaluate(inputs({ lastMarketDataAt: Number.NaN }), SETTINGS)).toMatchObject({ tripped: true, value: null });
  });
});
