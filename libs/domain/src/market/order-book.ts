import type { OrderBook, PriceLevel, TokenQuote } from './market.types';

export function bestBid(book: OrderBook): PriceLevel | null {
  return book.bids[0] ?? null;
}

export function bestAsk(book: OrderBook): PriceLevel | null {
  return book.asks[0] ?? null;
}

function depthUsd(levels: readonly PriceLevel[]): number {
  return levels.reduce((sum, level) => sum + level.price * level.size, 0);
}

/** The best prices and resting dollars of one side each: what a quote is derived from. */
export interface BookTop {
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly bidDepthUsd: number;
  readonly askDepthUsd: number;
  readonly bookTimestamp: number;
}

/** A one-sided book has no mid or spread: we never invent a price the market is not showing. */
export function quoteFromTop(tokenId: string, outcome: string, top: BookTop): TokenQuote {
  const { bestBid: bid, bestAsk: ask } = top;
  const twoSided = bid !== null && ask !== null;
  return {
    tokenId,
    outcome,
    bestBid: bid,
    bestAsk: ask,
    mid: twoSided ? (bid + ask) / 2 : null,
    spread: twoSided ? ask - bid : null,
    bidDepthUsd: top.bidDepthUsd,
    askDepthUsd: top.askDepthUsd,
    bookTimestamp: top.bookTimestamp,
  };
}

/** Best bid/ask, mid, spread and depth of one token's book. */
export function quoteFromBook(book: OrderBook, outcome: string): TokenQuote {
  return quoteFromTop(book.tokenId, outcome, {
    bestBid: bestBid(book)?.price ?? null,
    bestAsk: bestAsk(book)?.price ?? null,
    bidDepthUsd: depthUsd(book.bids),
    askDepthUsd: depthUsd(book.asks),
    bookTimestamp: book.timestamp,
  });
}

/** A quote for a token whose book could not be fetched this cycle. */
export function emptyQuote(tokenId: string, outcome: string): TokenQuote {
  return { tokenId, outcome, bestBid: null, bestAsk: null, mid: null, spread: null, bidDepthUsd: 0, askDepthUsd: 0, bookTimestamp: null };
}
