import { ForecastFeedStrategy, NegRiskConsistencyStrategy, type Forecast, type Strategy } from '@polybot/domain';

export const STRATEGY_NAMES = ['neg_risk_consistency', 'forecast_feed'] as const;

/** Builds the enabled strategies; an unknown name is a configuration error, reported at start. */
export function buildStrategies(names: readonly string[], edgeThreshold: number, forecasts: readonly Forecast[]): Strategy[] {
  const unknown = names.filter((name) => !(STRATEGY_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`POLYBOT_STRATEGIES: unknown strategy ${unknown.join(', ')}; expected any of ${STRATEGY_NAMES.join(', ')}`);
  const strategies: Strategy[] = [];
  if (names.includes('neg_risk_consistency')) strategies.push(new NegRiskConsistencyStrategy({ edgeThreshold }));
  if (names.includes('forecast_feed') && forecasts.length > 0) strategies.push(new ForecastFeedStrategy({ edgeThreshold, forecasts }));
  return strategies;
}
