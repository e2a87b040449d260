import type { Signal } from '../../strategy/signal.types';
import { market } from '../../strategy/test/market-snapshot.fixture';
import type { PortfolioState } from '../portfolio-state.types';
import type { RiskContext, RiskSettings } from '../risk-context.types';

/** Test fixtures only (not exported from the library). */
export const NOW = Date.parse('2026-11-27T00:00:00.000Z');

export const SIGNAL: Signal = {
  strategy: 'forecast_feed',
  marketId: 'm',
  conditionId: '0xcond-m',
  tokenId: 'm-yes',
  outcome: 'Yes',
  side: 'BUY',
  modelProb: 0.6,
  marketPrice: 0.5,
  edge: 0.1,
  confidence: 1,
  reason: 'test',
};

/** 2% per position, $1,000 per market, 20% total, 10% per category, 20 orders an hour, 10% daily loss, data under 60 s old. */
export const RISK_SETTINGS: RiskSettings = {
  maxPositionPct: 2,
  maxNotionalPerMarket: 1000,
  edgeThreshold: 0.05,
  universe: { minLiquidityUsd: 1000, minVolume24hUsd: 500, maxSpread: 0.05, minHoursToResolution: 24, maxDaysToResolution: 90, requireOrderBook: true, requireAcceptingOrders: true },
  maxTotalExposurePct: 20,
  maxCategoryExposurePct: 10,
  maxOrdersPerHour: 20,
  maxDailyLossPct: 10,
  maxStaleDataSeconds: 60,
};

/** A fresh portfolio: nothing held, no orders, flat equity, no 24 h history. */
export function portfolioState(overrides: Partial<PortfolioState> = {}): PortfolioState {
  return { exposure: { totalUsd: 0, byMarket: {}, byCategory: {} }, ordersLastHour: 0, equity: 10_000, equity24hAgo: null, ...overrides };
}

/** $150 (300 shares at 0.50) on a $10,000 bankroll; 2% cap = $200; market cap $1,000; minimum 5 shares; empty portfolio. */
export function riskContext(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    signal: SIGNAL,
    market: market({ marketId: 'm' }),
    sizeUsd: 150,
    shares: 300,
    price: 0.5,
    bankroll: 10_000,
    existingMarketNotional: 0,
    portfolio: portfolioState(),
    settings: RISK_SETTINGS,
    now: NOW,
    ...overrides,
  };
}
