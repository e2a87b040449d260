import type { Forecast } from '@polybot/domain';
import { StrategyRegistry } from './strategy-registry';

describe('StrategyRegistry', () => {
  it('builds the strategies once per forecast set and again for a new one', () => {
    const registry = new StrategyRegistry(['neg_risk_consistency', 'forecast_feed'], 0.03);
    const none: readonly Forecast[] = [];
    const first = registry.for(none);
    expect(registry.for(none)).toBe(first);
    expect(first.map((s) => s.name)).toEqual(['neg_risk_consistency']);
    expect(registry.for([])).not.toBe(first);
  });

  it('refuses an unknown strategy name', () => {
    expect(() => new StrategyRegistry(['nope'], 0.03).for([])).toThrow('POLYBOT_STRATEGIES: unknown strategy nope');
  });
});
