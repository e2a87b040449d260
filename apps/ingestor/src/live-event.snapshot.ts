import { emptyQuote, type EventSnapshot, type MarketSnapshot } from '@polybot/domain';
import { compactQuote, compactTickSize, firstStated, type CompactBook } from '@polybot/polymarket';

/** What the market stream knows now, per token and per market. */
export interface LiveMarketData {
  compactBook(tokenId: string): CompactBook | undefined;
  /** Epoch ms the newest stream message about the token arrived. */
  lastMessageAt(tokenId: string): number | undefined;
  /** Epoch ms up to which the token's book is known current (see MarketStream.currentAsOf). */
  currentAsOf(tokenId: string): number | undefined;
  resolution(conditionId: string): { readonly winningAssetId: string } | undefined;
}

export interface LiveEventSnapshot {
  readonly event: EventSnapshot;
  /** Epoch ms of the newest stream message behind the event; null when the stream said nothing about it. */
  readonly newestAt: number | null;
}

function newestOf(times: readonly (number | undefined)[]): number | null {
  const known = times.filter((time): time is number => time !== undefined);
  return known.length > 0 ? Math.max(...known) : null;
}

/** A resolved market is closed with the winner at 1: risk proposes the claim, strategy leaves it alone. */
function resolvedMarket(market: MarketSnapshot, winningAssetId: string, fetchedAt: string): MarketSnapshot {
  return {
    ...market,
    closed: true,
    acceptingOrders: false,
    umaResolutionStatus: 'resolved',
    outcomePrices: market.tokens.map((token) => (token.tokenId === winningAssetId ? 1 : 0)),
    tokens: market.tokens.map((token) => emptyQuote(token.tokenId, token.outcome)),
    fetchedAt,
  };
}

function liveMarket(market: MarketSnapshot, live: LiveMarketData): { market: MarketSnapshot; newestAt: number | null } {
  const newestAt = newestOf(market.tokens.map((token) => live.lastMessageAt(token.tokenId)));
  const resolution = live.resolution(market.conditionId);
  if (resolution) return { market: resolvedMarket(market, resolution.winningAssetId, newestAt === null ? market.fetchedAt : new Date(newestAt).toISOString()), newestAt };
  if (newestAt === null) return { market, newestAt };
  const books = market.tokens.map((token) => live.compactBook(token.tokenId));
  // The stream's tick size is fresher than Gamma's and the cycle's REST book.
  const tickSize = firstStated(books, compactTickSize) ?? market.tickSize;
  // The market is as old as its oldest quote: a stream book's as of when the stream last knew it
  // current, a cycle's quote as of the cycle.
  const cycleAt = Date.parse(market.fetchedAt);
  const asOf = Math.min(...market.tokens.map((token, i) => (books[i] ? (live.currentAsOf(token.tokenId) ?? cycleAt) : cycleAt)));
  return {
    market: {
      ...market,
      tickSize,
      // A token without a live book keeps the quote of the last cycle: a gap never invents a price.
      tokens: market.tokens.map((token, i) => {
        const book = books[i];
        return book ? compactQuote(token.tokenId, token.outcome, book) : token;
      }),
      fetchedAt: Number.isFinite(asOf) ? new Date(asOf).toISOString() : market.fetchedAt,
    },
    newestAt,
  };
}

/**
 * An event of the last cycle's catalogue with the stream's live books and resolutions laid over it.
 * Each market's `fetchedAt` is the age of its quotes (risk's MARKET_DATA_AGE reads it); `newestAt`,
 * the newest message behind the event, is the batch's, which the STALE_DATA kill switch reads.
 */
export function liveEventSnapshot(event: EventSnapshot, live: LiveMarketData): LiveEventSnapshot {
  const markets = event.markets.map((market) => liveMarket(market, live));
  return { event: { ...event, markets: markets.map((entry) => entry.market) }, newestAt: newestOf(markets.map((entry) => entry.newestAt ?? undefined)) };
}

/**
 * A cycle's event with only the stream's resolutions laid over it: Gamma can lag the market channel,
 * and a market once seen resolved must not be offered as open again by the next cycle.
 */
export function withStreamResolutions(event: EventSnapshot, live: Pick<LiveMarketData, 'resolution'>): EventSnapshot {
  if (!event.markets.some((market) => live.resolution(market.conditionId) && !market.closed)) return event;
  return {
    ...event,
    markets: event.markets.map((market) => {
      const resolution = live.resolution(market.conditionId);
      return resolution && !market.closed ? resolvedMarket(market, resolution.winningAssetId, market.fetchedAt) : market;
    }),
  };
}
