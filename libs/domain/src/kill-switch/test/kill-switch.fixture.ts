import type { MarketSnapshot, TokenQuote } from '../../market/market.types';
import type { EquityPoint } from '../../portfolio/portfolio.types';
import { event, market } from '../../strategy/test/market-snapshot.fixture';
import type { KillSwitchInputs, KillSwitchSettings } from '../kill-switch.types';
import type { SpreadBaseline } from '../spread-baseline';

/** Test fixtures only (not exported from the library). The pinned clock. */
export const NOW = Date.parse('2026-11-27T00:00:00.000Z');
export const HOUR = 3_600_000;

export const SETTINGS: KillSwitchSettings = {
  maxDrawdownPct: 15,
  maxDailyLossPct: 10,
  maxApiErrorRatePct: 50,
  apiErrorMinCalls: 20,
  maxStaleDataSeconds: 60,
  maxSpreadMultiplier: 3,
  spreadWarmUpObservations: 10,
};

export const point = (hoursAgo: number, equity: number): EquityPoint => ({ at: new Date(NOW - hoursAgo * HOUR), equity });

/** A quote with exactly this spread (no float noise from ask - bid). */
export function spreadQuote(tokenId: string, spread: number | null, outcome = 'Yes'): TokenQuote {
  return { tokenId, outcome, bestBid: 0.5, bestAsk: spread === null ? null : 0.5 + spread, mid: 0.5, spread, bidDepthUsd: 100, askDepthUsd: 100, bookTimestamp: NOW };
}

/** Market `id` with tokens `${id}-yes` and `${id}-no` at these spreads (tick 0.01). */
export function spreadMarket(id: string, yes: number | null, no: number | null, overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return market({ marketId: id, tokens: [spreadQuote(`${id}-yes`, yes, 'Yes'), spreadQuote(`${id}-no`, no, 'No')], ...overrides });
}

export const events = (...markets: MarketSnapshot[]) => [event(markets, false)];

export const baseline = (tokenId: string, normalSpread: number, observations = 10, marketId = tokenId.split('-')[0]): SpreadBaseline => ({ tokenId, marketId, normalSpread, observations });

/** Calm inputs: flat equity, healthy API, fresh data, no markets. */
export function inputs(overrides: Partial<KillSwitchInputs> = {}): KillSwitchInputs {
  return {
    now: NOW,
    equityCurve: [point(48, 10_000), point(0, 10_000)],
    api: { calls: 100, errors: 0 },
    lastMarketDataAt: NOW - 5_000,
    events: [],
    spreadBaselines: {},
    ...overrides,
  };
}
