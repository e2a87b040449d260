/** One price level of an order book, as numbers (the venue sends strings). */
export interface PriceLevel {
  readonly price: number;
  readonly size: number;
}

export type Side = 'BUY' | 'SELL';

/**
 * A normalized order book: best level FIRST on both sides (the venue's wire format puts the best
 * level last; normalization reverses that once, at the edge).
 */
export interface OrderBook {
  readonly tokenId: string;
  readonly conditionId: string;
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly tickSize: number;
  readonly minOrderSize: number;
  readonly negRisk: boolean;
  /** Venue timestamp of the book, epoch milliseconds. */
  readonly timestamp: number;
  readonly hash?: string;
  readonly lastTradePrice?: number | null;
}

/** What the market looks like for one outcome token at one moment. */
export interface TokenQuote {
  readonly tokenId: string;
  readonly outcome: string;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly mid: number | null;
  readonly spread: number | null;
  /** Dollars (price x size) resting on each side of the book. */
  readonly bidDepthUsd: number;
  readonly askDepthUsd: number;
  /** Venue timestamp of the book this quote came from, epoch ms; null when no book was fetched. */
  readonly bookTimestamp: number | null;
}

/** Taker fee schedule of a market (Gamma's `feeSchedule`). */
export interface FeeSchedule {
  readonly rate: number;
  readonly exponent: number;
  readonly takerOnly: boolean;
}

/** A normalized snapshot of one market (one condition, usually two outcome tokens). */
export interface MarketSnapshot {
  readonly marketId: string;
  readonly conditionId: string;
  readonly question: string;
  readonly slug: string;
  readonly eventId: string | null;
  readonly eventSlug: string | null;
  readonly negRisk: boolean;
  /** ISO-8601 end date, or null when the venue gives none. */
  readonly endDate: string | null;
  readonly category: string | null;
  readonly tags: readonly string[];
  readonly active: boolean;
  readonly closed: boolean;
  readonly acceptingOrders: boolean;
  readonly enableOrderBook: boolean;
  readonly liquidityUsd: number;
  readonly volume24hUsd: number;
  readonly tickSize: number;
  readonly minOrderSize: number;
  readonly feeSchedule: FeeSchedule | null;
  readonly tokens: readonly TokenQuote[];
  /** ISO-8601 time our ingestor fetched this snapshot. */
  readonly fetchedAt: string;
  /** Gamma's UMA oracle status ("resolved" once settled); absent or null when unknown. */
  readonly umaResolutionStatus?: string | null;
  /** Gamma's outcome prices in `tokens` order; on a resolved market the winner is 1 and the loser 0. */
  readonly outcomePrices?: readonly number[] | null;
}

/** An event groups markets; in a neg-risk event its markets' outcomes are mutually exclusive. */
export interface EventSnapshot {
  readonly eventId: string;
  readonly slug: string | null;
  readonly title: string | null;
  readonly negRisk: boolean;
  readonly markets: readonly MarketSnapshot[];
}
