import type { Signal, Strategy, StrategyInput } from './signal.types';
import type { MarketSnapshot } from '../market/market.types';
import { PRICE_EPSILON, assertEdgeThreshold, formatEdge, formatProb, isTradablePrice, meetsEdgeThreshold } from './edge';
import { type ForecastIndex, forecastFairValues, indexForecasts } from './forecast-fair-value';
import type { Forecast } from './forecast-row';
import { isOpenForOrders } from './yes-token';
import { buySignal } from './buy-signal';

export interface ForecastFeedOptions {
  readonly edgeThreshold: number;
  readonly forecasts: readonly Forecast[];
}

/**
 * BUY the token whose external forecast beats its best ask by at least edgeThreshold; at most one
 * signal per market (the bigger edge; the first listed token on a tie, float noise included). Confidence is 1: the feed
 * is the operator's own belief and this strategy has no independent basis to discount it.
 */
export class ForecastFeedStrategy implements Strategy {
  readonly name = 'forecast_feed';
  private readonly index: ForecastIndex;

  constructor(private readonly options: ForecastFeedOptions) {
    assertEdgeThreshold(this.name, options.edgeThreshold);
    this.index = indexForecasts(options.forecasts);
  }

  evaluate(input: StrategyInput): Signal[] {
    const signals: Signal[] = [];
    const seen = new Set<string>();
    for (const market of input.events.flatMap((event) => event.markets)) {
      if (seen.has(market.conditionId) || !isOpenForOrders(market)) continue;
      seen.add(market.conditionId);
      const signal = this.bestSignal(market);
      if (signal !== null) signals.push(signal);
    }
    return signals;
  }

  private bestSignal(market: MarketSnapshot): Signal | null {
    const fairs = forecastFairValues(market, this.index);
    let best: Signal | null = null;
    for (const token of market.tokens) {
      const fairValue = fairs.get(token.tokenId);
      const ask = token.bestAsk;
      if (fairValue === undefined || !isTradablePrice(ask)) continue;
      const edge = fairValue.fair - ask;
      if (!meetsEdgeThreshold(edge, this.options.edgeThreshold) || (best !== null && edge <= best.edge + PRICE_EPSILON)) continue;
      best = buySignal(this.name, market, token, {
        fair: fairValue.fair,
        ask,
        confidence: 1,
        reason: `Forecast feed: fair ${formatProb(fairValue.fair)} (${fairValue.source}) vs ask ${formatProb(ask)}, edge ${formatEdge(edge)}`,
      });
    }
    return best;
  }
}
