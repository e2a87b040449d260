import type { MarketSnapshot, TokenQuote } from '../market/market.types';
import type { Position } from '../portfolio/portfolio.types';
import { roundToTick } from '../sizing/round-to-tick';

/** The position's token quote with a bid it could be sold into now. */
export interface SellableQuote {
  readonly quote: TokenQuote;
  /** Best bid on the tick grid (rounded down: never ask for more than the bid). */
  readonly bid: number;
}

/**
 * The bid a position could be sold at, or null when it cannot be sold through the book: no bid, the
 * market closed (a settlement matter then) or not accepting orders, or fewer shares than the
 * market's minimum order. An exit with nowhere to sell is
 * not proposed at all: an intent the operator approves must be executable.
 */
export function sellableQuote(position: Position, market: MarketSnapshot): SellableQuote | null {
  const quote = market.tokens.find((token) => token.tokenId === position.tokenId);
  if (quote === undefined) throw new RangeError(`market ${market.marketId} has no token ${position.tokenId} held in the position`);
  if (market.closed || !market.acceptingOrders || quote.bestBid === null || !(quote.bestBid > 0)) return null;
  // Below the venue's minimum a sell order would be refused: such a remainder waits for settlement.
  if (!(position.shares > 0) || position.shares < market.minOrderSize) return null;
  return { quote, bid: roundToTick(quote.bestBid, market.tickSize, 'down') };
}

/** (bid - avgPrice) / avgPrice x 100, cleaned of float noise so 0.44 over 0.40 is exactly 10. */
export function pnlPctAt(position: Position, bid: number): number | null {
  if (!(position.avgPrice > 0)) return null;
  return Number((((bid - position.avgPrice) / position.avgPrice) * 100).toFixed(9));
}

/** A setting as a person wrote it: 10, 7.5, 3. */
export function formatSetting(value: number): string {
  return String(Number(value.toFixed(6)));
}
