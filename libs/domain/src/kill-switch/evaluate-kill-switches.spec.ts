import { tradingStateFor } from '../trading-state/trading-state';
import { createKillSwitchRules, evaluateKillSwitches, trippedSwitchNames } from './evaluate-kill-switches';
import { KILL_SWITCH_NAMES, type KillSwitchRule } from './kill-switch.types';
import { NOW, SETTINGS, baseline, events, inputs, point, spreadMarket } from './test/kill-switch.fixture';

describe('evaluateKillSwitches', () => {
  it('reads all five switches in KILL_SWITCH_NAMES order; calm inputs trip none', () => {
    const readings = evaluateKillSwitches(inputs(), SETTINGS);
    expect(readings.map((r) => r.name)).toEqual([...KILL_SWITCH_NAMES]);
    expect(createKillSwitchRules().map((r) => r.name)).toEqual([...KILL_SWITCH_NAMES]);
    expect(trippedSwitchNames(readings)).toEqual([]);
    expect(tradingStateFor(trippedSwitchNames(readings))).toBe('ACTIVE');
  });

  it('a bad day: drawdown, daily loss, a failing API, stale data and a blown-out spread all trip', () => {
    const readings = evaluateKillSwitches(
      inputs({
        equityCurve: [point(48, 10_000), point(24, 9_500), point(0, 8_000)],
        api: { calls: 40, errors: 30 },
        lastMarketDataAt: NOW - 120_000,
        events: events(spreadMarket('a', 0.09, 0.02)),
        spreadBaselines: { 'a-yes': baseline('a-yes', 0.02), 'a-no': baseline('a-no', 0.02) },
      }),
      SETTINGS,
    );
    expect(readings.map((r) => r.reason)).toEqual([
      'DRAWDOWN: equity $8000.00 is 20.0% below its peak $10000.00 (limit 15%)',
      'DAILY_LOSS: equity $8000.00 is 15.8% below $9500.00 (24 h ago; limit 10%)',
      'API_ERRORS: 30 of 40 venue calls failed = 75.0% (limit 50%)',
      'STALE_DATA: newest market data is 120.0 s old (limit 60 s)',
      'SPREAD_ANOMALY: token a-yes (Yes) of market a "Will a happen?" spread 0.090 is 4.5x its normal 0.020 (limit 3x)',
    ]);
    expect(trippedSwitchNames(readings)).toEqual([...KILL_SWITCH_NAMES]);
    expect(tradingStateFor(trippedSwitchNames(readings))).toBe('HALTED');
  });

  it('counts a rule that throws as tripped, with the error, and still reads the rest', () => {
    const exploding: KillSwitchRule = {
      name: 'STALE_DATA',
      evaluate() {
        throw new Error('boom');
      },
    };
    const readings = evaluateKillSwitches(inputs(), SETTINGS, [exploding, ...createKillSwitchRules().slice(0, 2)]);
    expect(readings[0]).toEqual({ name: 'STALE_DATA', tripped: true, value: null, threshold: 60, reason: 'STALE_DATA: could not evaluate (boom): halting to be safe' });
    expect(readings.slice(1).map((r) => r.tripped)).toEqual([false, false]);
  });
});
