import { quoteFromTop, type OrderBook, type PriceLevel, type TokenQuote } from '@polybot/domain';

/**
 * One token's order book as a single Float64Array:
 * `[timestamp, tickSize, minOrderSize, negRisk (0|1), bid level count, ...bids, ...asks]`, each level
 * a `price, size` pair, best first. The ingestor holds a book for every token of the universe
 * (50,000 at full scale); with 13 levels a book cost about 2 KB as objects of levels (with its id,
 * condition id and hash strings) and under 500 bytes as one array of doubles, which holds nothing
 * for the collector to trace. The token id is the key it is stored under; the condition id, hash
 * and last trade price are not kept (no quote or snapshot reads them).
 */
export type CompactBook = Float64Array;

const TIMESTAMP = 0;
const TICK_SIZE = 1;
const MIN_ORDER_SIZE = 2;
const NEG_RISK = 3;
const BID_COUNT = 4;
const HEADER = 5;

function writeLevels(target: Float64Array, offset: number, levels: readonly PriceLevel[]): void {
  levels.forEach((level, i) => {
    target[offset + 2 * i] = level.price;
    target[offset + 2 * i + 1] = level.size;
  });
}

function readLevels(book: CompactBook, from: number, to: number): PriceLevel[] {
  const levels: PriceLevel[] = [];
  for (let i = from; i < to; i += 2) levels.push({ price: book[i]!, size: book[i + 1]! });
  return levels;
}

/** Sum of price x size from `from` to `to`, best level first like `quoteFromBook`, so both give the same figure. */
function depthUsd(book: CompactBook, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 2) sum += book[i]! * book[i + 1]!;
  return sum;
}

function asksStart(book: CompactBook): number {
  return HEADER + 2 * book[BID_COUNT]!;
}

export function compactBook(book: OrderBook): CompactBook {
  const compact = new Float64Array(HEADER + 2 * (book.bids.length + book.asks.length));
  compact[TIMESTAMP] = book.timestamp;
  compact[TICK_SIZE] = book.tickSize;
  compact[MIN_ORDER_SIZE] = book.minOrderSize;
  compact[NEG_RISK] = book.negRisk ? 1 : 0;
  compact[BID_COUNT] = book.bids.length;
  writeLevels(compact, HEADER, book.bids);
  writeLevels(compact, HEADER + 2 * book.bids.length, book.asks);
  return compact;
}

/** The book as the domain's functions take it (condition id empty: not kept). */
export function expandBook(tokenId: string, book: CompactBook): OrderBook {
  const asks = asksStart(book);
  return {
    tokenId,
    conditionId: '',
    bids: readLevels(book, HEADER, asks),
    asks: readLevels(book, asks, book.length),
    tickSize: book[TICK_SIZE]!,
    minOrderSize: book[MIN_ORDER_SIZE]!,
    negRisk: book[NEG_RISK] === 1,
    timestamp: book[TIMESTAMP]!,
  };
}

/**
 * True when two books describe the same market state: the same levels, and the same tick and
 * minimum size where both state them (the market channel's `book` event states neither, REST does).
 * When each was stamped, and the neg-risk flag (which only a REST book states), are not compared.
 */
export function sameMarketState(a: CompactBook, b: CompactBook): boolean {
  if (a.length !== b.length) return false;
  for (let i = BID_COUNT; i < a.length; i++) if (a[i] !== b[i]) return false;
  const differs = (i: number) => a[i]! > 0 && b[i]! > 0 && a[i] !== b[i];
  return !differs(TICK_SIZE) && !differs(MIN_ORDER_SIZE);
}

/** Same as `quoteFromBook(expandBook(tokenId, book), outcome)`, without building the levels. */
export function compactQuote(tokenId: string, outcome: string, book: CompactBook): TokenQuote {
  const asks = asksStart(book);
  return quoteFromTop(tokenId, outcome, {
    bestBid: asks > HEADER ? book[HEADER]! : null,
    bestAsk: book.length > asks ? book[asks]! : null,
    bidDepthUsd: depthUsd(book, HEADER, asks),
    askDepthUsd: depthUsd(book, asks, book.length),
    bookTimestamp: book[TIMESTAMP]!,
  });
}

/**
 * The first figure the books state (tick size, minimum order size): a book is fresher than Gamma,
 * and 0 means the book did not say. Undefined when none of them says.
 */
export function firstStated(books: readonly (CompactBook | undefined)[], read: (book: CompactBook) => number): number | undefined {
  for (const book of books) {
    const value = book ? read(book) : 0;
    if (value > 0) return value;
  }
  return undefined;
}

/** 0 means the book did not say. */
export function compactTickSize(book: CompactBook): number {
  return book[TICK_SIZE]!;
}

/** 0 means the book did not say. */
export function compactMinOrderSize(book: CompactBook): number {
  return book[MIN_ORDER_SIZE]!;
}

export function compactNegRisk(book: CompactBook): boolean {
  return book[NEG_RISK] === 1;
}

/** A token's book if one is known: the snapshot builder reads books through this, never a map of all of them. */
export type CompactBookLookup = (tokenId: string) => CompactBook | undefined;
