import { bookHash, wireBook, type WireLevel } from '../wire/book.serializer';
import { formatMills, formatSize } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import type { SimLevel, SimMarket, SimTokenBook } from '../world/world.types';

export interface BookEvent {
  readonly event_type: 'book';
  readonly market: string;
  readonly asset_id: string;
  readonly timestamp: string;
  readonly hash: string;
  readonly bids: WireLevel[];
  readonly asks: WireLevel[];
}

export interface PriceChange {
  readonly asset_id: string;
  readonly price: string;
  /** The level's new total; "0" removes it. */
  readonly size: string;
  readonly side: 'BUY' | 'SELL';
  readonly hash: string;
  readonly best_bid: string;
  readonly best_ask: string;
}

export function bookEvent(world: SimWorld, tokenId: string): BookEvent | null {
  const book = wireBook(world, tokenId);
  if (!book) return null;
  return { event_type: 'book', market: book.market, asset_id: tokenId, timestamp: book.timestamp, hash: book.hash, bids: book.bids, asks: book.asks };
}

/** Levels whose size changed, or that came or went (size 0), by price ascending. A side has a few levels. */
function levelDiff(before: readonly SimLevel[], after: readonly SimLevel[]): { priceMills: number; size: number }[] {
  const sizeIn = (levels: readonly SimLevel[], priceMills: number) => levels.find((l) => l.priceMills === priceMills)?.size;
  const changed = after.filter((l) => sizeIn(before, l.priceMills) !== l.size).map((l) => ({ priceMills: l.priceMills, size: l.size }));
  for (const l of before) if (sizeIn(after, l.priceMills) === undefined) changed.push({ priceMills: l.priceMills, size: 0 });
  return changed.sort((a, b) => a.priceMills - b.priceMills);
}

/** The level changes between two states of a market's books, per token, in the venue's v2 shape. */
export function priceChanges(market: SimMarket, before: readonly [SimTokenBook, SimTokenBook]): PriceChange[] {
  const after = marketBooks(market);
  return market.tokenIds.flatMap((tokenId, i) => {
    const book = after[i];
    const hash = bookHash(market.conditionId, tokenId, book);
    const bestBid = book.bids[0] ? formatMills(book.bids[0].priceMills) : '0';
    const bestAsk = book.asks[0] ? formatMills(book.asks[0].priceMills) : '0';
    const change = (side: 'BUY' | 'SELL') => (l: { priceMills: number; size: number }): PriceChange => ({
      asset_id: tokenId,
      price: formatMills(l.priceMills),
      size: formatSize(l.size),
      side,
      hash,
      best_bid: bestBid,
      best_ask: bestAsk,
    });
    return [...levelDiff(before[i].bids, book.bids).map(change('BUY')), ...levelDiff(before[i].asks, book.asks).map(change('SELL'))];
  });
}

export interface BestBidAsk {
  readonly asset_id: string;
  readonly best_bid: string;
  readonly best_ask: string;
  readonly spread: string;
}

/** Tokens whose top of book moved (the custom-feature `best_bid_ask` event). */
export function bestBidAskChanges(market: SimMarket, before: readonly [SimTokenBook, SimTokenBook]): BestBidAsk[] {
  const after = marketBooks(market);
  const top = (book: SimTokenBook): [number, number] => [book.bids[0]?.priceMills ?? 0, book.asks[0]?.priceMills ?? 0];
  return market.tokenIds.flatMap((tokenId, i) => {
    const [oldBid, oldAsk] = top(before[i]);
    const [bid, ask] = top(after[i]);
    if (bid === oldBid && ask === oldAsk) return [];
    return [{ asset_id: tokenId, best_bid: formatMills(bid), best_ask: formatMills(ask), spread: formatMills(ask - bid) }];
  });
}
