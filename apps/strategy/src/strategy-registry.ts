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

/**
 * The enabled strategies, built once per forecast set: the loader hands out the same array until it
 * loads new forecasts, and indexing them per snapshot batch cost more than evaluating the batch.
 */
export class StrategyRegistry {
  private built: { readonly forecasts: readonly Forecast[]; readonly strategies: readonly Strategy[] } | null = null;

  constructor(private readonly names: readonly string[], private readonly edgeThreshold: number) {}

  for(forecasts: readonly Forecast[]): readonly Strategy[] {
    if (this.built?.forecasts !== forecasts) this.built = { forecasts, strategies: buildStrategies(this.names, this.edgeThreshold, forecasts) };
    return this.built.strategies;
  }
}
