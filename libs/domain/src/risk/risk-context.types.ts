import type { MarketSnapshot } from '../market/market.types';
import type { Signal } from '../strategy/signal.types';
import type { UniverseFilterSettings } from '../universe/universe-filter-settings';
import type { PortfolioState } from './portfolio-state.types';
import type { RiskCheckResult } from './risk-check.types';

export interface RiskSettings {
  /** Percent of bankroll per position: 2 means 2%. */
  readonly maxPositionPct: number;
  readonly maxNotionalPerMarket: number;
  readonly edgeThreshold: number;
  readonly universe: UniverseFilterSettings;
  /** Percent of bankroll all exposure together may reach: 20 means 20%. */
  readonly maxTotalExposurePct: number;
  /** Percent of bankroll one category's exposure may reach. */
  readonly maxCategoryExposurePct: number;
  /** Orders allowed in any rolling hour. */
  readonly maxOrdersPerHour: number;
  /** A 24 h loss of this percent of the equity 24 h ago refuses new positions. */
  readonly maxDailyLossPct: number;
  /** A market whose snapshot is this many seconds old is not traded (MARKET_DATA_AGE); the STALE_DATA kill switch's limit. */
  readonly maxStaleDataSeconds: number;
}

/** Everything a check may look at for one sized signal. */
export interface RiskContext {
  readonly signal: Signal;
  readonly market: MarketSnapshot;
  readonly sizeUsd: number;
  readonly shares: number;
  readonly price: number;
  readonly bankroll: number;
  /** Dollars this market already holds (open positions plus open intents). */
  readonly existingMarketNotional: number;
  readonly portfolio: PortfolioState;
  readonly settings: RiskSettings;
  /** Epoch ms; checks never read the clock themselves. */
  readonly now: number;
}

export interface RiskCheck {
  /** The stable UPPER_SNAKE code its results carry. */
  readonly name: string;
  evaluate(ctx: RiskContext): RiskCheckResult;
}
