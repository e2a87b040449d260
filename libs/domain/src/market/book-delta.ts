import type { OrderBook, PriceLevel, Side } from './market.types';

/** One level update from the market channel: BUY updates the bids, SELL the asks; size 0 removes the level. */
export interface BookLevelChange {
  readonly side: Side;
  readonly price: number;
  /** The level's new total size (not a difference). */
  readonly size: number;
}

/** A delta that cannot be applied: the local book is no longer trustworthy and needs a fresh snapshot. */
export class BookDeltaError extends Error {
  constructor(
    readonly tokenId: string,
    message: string,
  ) {
    super(`book ${tokenId}: ${message}`);
    this.name = 'BookDeltaError';
  }
}

// Prices arrive as decimal strings; two parses of "0.51" are equal, but arithmetic ones may not be.
const PRICE_EPSILON = 1e-9;

function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) < PRICE_EPSILON;
}

/**
 * Upserts or removes one level of a side the caller owns, in place, keeping best-first order (bids
 * high to low, asks low to high). A price's place is found by walking from the best level: books
 * are a dozen levels deep and the market channel moves the top, so this is shorter than a search,
 * and copying and sorting the side for every change was the largest share of what the ingestor allocated.
 */
function upsertLevel(levels: PriceLevel[], change: BookLevelChange, isBetter: (a: number, b: number) => boolean): void {
  let i = 0;
  while (i < levels.length && !samePrice(levels[i]!.price, change.price) && isBetter(levels[i]!.price, change.price)) i += 1;
  const existing = i < levels.length && samePrice(levels[i]!.price, change.price);
  if (change.size === 0) {
    if (existing) levels.splice(i, 1);
    return;
  }
  const level = { price: change.price, size: change.size };
  if (existing) levels[i] = level;
  else levels.splice(i, 0, level);
}

const higher = (a: number, b: number): boolean => a > b;
const lower = (a: number, b: number): boolean => a < b;

function checkChange(tokenId: string, change: BookLevelChange): void {
  if (!(change.price > 0 && change.price < 1)) throw new BookDeltaError(tokenId, `${change.side} level price ${change.price} is not in (0,1)`);
  if (!(Number.isFinite(change.size) && change.size >= 0)) throw new BookDeltaError(tokenId, `${change.side} level ${change.price} size ${change.size} is not a number >= 0`);
}

function checkNotCrossed(book: OrderBook): void {
  const bid = book.bids[0];
  const ask = book.asks[0];
  if (bid && ask && bid.price >= ask.price) {
    throw new BookDeltaError(book.tokenId, `crossed after the update (best bid ${bid.price} >= best ask ${ask.price})`);
  }
}

/**
 * A full snapshot replaces the levels. The market channel's `book` event carries no tick size,
 * minimum size or neg-risk flag (0/false means "not said"), so those stay as the previous book knew them.
 */
export function applyBookSnapshot(previous: OrderBook | undefined, snapshot: OrderBook): OrderBook {
  const book: OrderBook = {
    ...snapshot,
    tickSize: snapshot.tickSize > 0 ? snapshot.tickSize : (previous?.tickSize ?? 0),
    minOrderSize: snapshot.minOrderSize > 0 ? snapshot.minOrderSize : (previous?.minOrderSize ?? 0),
    negRisk: snapshot.negRisk || (previous?.negRisk ?? false),
    conditionId: snapshot.conditionId || (previous?.conditionId ?? ''),
  };
  checkNotCrossed(book);
  return book;
}

/**
 * Applies the level changes in order and stamps the book with the venue `timestamp` (epoch ms).
 * Throws BookDeltaError (the book is left as it was) when a change is invalid or the result is crossed.
 */
export function applyPriceChanges(book: OrderBook, changes: readonly BookLevelChange[], timestamp: number, hash?: string): OrderBook {
  // Each side is copied once, on its first change; the book passed in is never touched.
  let bids: PriceLevel[] | null = null;
  let asks: PriceLevel[] | null = null;
  for (const change of changes) {
    checkChange(book.tokenId, change);
    if (change.side === 'BUY') upsertLevel((bids ??= [...book.bids]), change, higher);
    else upsertLevel((asks ??= [...book.asks]), change, lower);
  }
  const next: OrderBook = { ...book, bids: bids ?? book.bids, asks: asks ?? book.asks, timestamp: Math.max(book.timestamp, timestamp), ...(hash ? { hash } : {}) };
  checkNotCrossed(next);
  return next;
}

/** The venue changes a token's tick size near 0.04/0.96; resting levels stay, new orders must use the new tick. */
export function applyTickSizeChange(book: OrderBook, newTickSize: number, timestamp: number): OrderBook {
  if (!(newTickSize > 0 && newTickSize < 1)) throw new BookDeltaError(book.tokenId, `new tick size ${newTickSize} is not in (0,1)`);
  return { ...book, tickSize: newTickSize, timestamp: Math.max(book.timestamp, timestamp) };
}
