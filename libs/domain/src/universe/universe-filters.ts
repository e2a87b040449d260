import type { MarketSnapshot } from '../market/market.types';
import { usd } from '../risk/risk-format';
import { PRICE_EPSILON, formatProb } from '../strategy/edge';
import type { UniverseFilterSettings } from './universe-filter-settings';

export const UNIVERSE_FILTER_NAMES = ['ACTIVE', 'ORDER_BOOK_ENABLED', 'ACCEPTING_ORDERS', 'MIN_LIQUIDITY', 'MIN_VOLUME_24H', 'MAX_SPREAD', 'TIME_TO_RESOLUTION'] as const;
export type UniverseFilterName = (typeof UNIVERSE_FILTER_NAMES)[number];

/** One named filter: null when the market passes, else why it does not, with the numbers. */
export interface UniverseFilter {
  readonly name: UniverseFilterName;
  check(market: MarketSnapshot, settings: UniverseFilterSettings, now: number): string | null;
}

const HOUR_MS = 3_600_000;

/** The widest spread among tokens with a two-sided book, or null when no token has one. */
export function widestSpread(market: MarketSnapshot): number | null {
  const spreads = market.tokens.map((t) => t.spread).filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  return spreads.length === 0 ? null : Math.max(...spreads);
}

// A NaN amount or setting fails these comparisons, so bad data excludes a market rather than admitting it.
const atLeast = (label: string, value: number, min: number): string | null =>
  value >= min - PRICE_EPSILON ? null : `${label} ${usd(value)} is below the minimum ${usd(min)}`;

/**
 * TIME_TO_RESOLUTION passes a market with no end date: the venue gives none for some open-ended
 * markets, and excluding them all would hide them silently. An unreadable end date fails.
 */
function timeToResolution(market: MarketSnapshot, settings: UniverseFilterSettings, now: number): string | null {
  if (market.endDate === null) return null;
  const end = Date.parse(market.endDate);
  if (Number.isNaN(end)) return `end date "${market.endDate}" is not a date`;
  const hours = (end - now) / HOUR_MS;
  if (hours < 0) return `end date passed ${(-hours).toFixed(1)} h ago`;
  if (!(hours >= settings.minHoursToResolution)) return `resolves in ${hours.toFixed(1)} h, sooner than the minimum ${settings.minHoursToResolution} h`;
  const days = hours / 24;
  if (!(days <= settings.maxDaysToResolution)) return `resolves in ${days.toFixed(1)} days, later than the maximum ${settings.maxDaysToResolution} days`;
  return null;
}

export const UNIVERSE_FILTERS: readonly UniverseFilter[] = [
  { name: 'ACTIVE', check: (m) => (m.closed ? 'market is closed' : m.active ? null : 'market is not active') },
  { name: 'ORDER_BOOK_ENABLED', check: (m, s) => (!s.requireOrderBook || m.enableOrderBook ? null : 'order book is not enabled') },
  { name: 'ACCEPTING_ORDERS', check: (m, s) => (!s.requireAcceptingOrders || m.acceptingOrders ? null : 'market is not accepting orders') },
  { name: 'MIN_LIQUIDITY', check: (m, s) => atLeast('liquidity', m.liquidityUsd, s.minLiquidityUsd) },
  { name: 'MIN_VOLUME_24H', check: (m, s) => atLeast('24h volume', m.volume24hUsd, s.minVolume24hUsd) },
  {
    name: 'MAX_SPREAD',
    check: (m, s) => {
      const spread = widestSpread(m);
      if (spread === null) return 'no token has a two-sided book';
      return spread <= s.maxSpread + PRICE_EPSILON ? null : `widest spread ${formatProb(spread)} is above the maximum ${formatProb(s.maxSpread)}`;
    },
  },
  { name: 'TIME_TO_RESOLUTION', check: timeToResolution },
];
