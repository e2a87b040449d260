import { createHash } from 'node:crypto';
import { formatMills, formatSize } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import type { SimLevel, SimMarket, SimTokenBook } from '../world/world.types';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

export interface WireBook {
  readonly market: string;
  readonly asset_id: string;
  readonly timestamp: string;
  readonly hash: string;
  readonly bids: WireLevel[];
  readonly asks: WireLevel[];
  readonly min_order_size: string;
  readonly tick_size: string;
  readonly neg_risk: boolean;
  readonly last_trade_price: string;
}

/** Best level LAST, as the venue sends it: bids ascending, asks descending. */
export function wireLevels(levels: readonly SimLevel[]): WireLevel[] {
  return [...levels].reverse().map((l) => ({ price: formatMills(l.priceMills), size: formatSize(l.size) }));
}

/** 40-hex content hash, like the venue's: same book, same hash. */
export function bookHash(conditionId: string, tokenId: string, book: SimTokenBook): string {
  // Hashed for every change the random walk sends: a flat string, not a JSON document of level objects.
  const hash = createHash('sha1').update(conditionId).update(':').update(tokenId);
  for (const side of [book.bids, book.asks]) {
    let text = '|';
    for (const level of side) text += `${level.priceMills}@${level.size},`;
    hash.update(text);
  }
  return hash.digest('hex');
}

export function tokenBook(market: SimMarket, tokenId: string): SimTokenBook {
  return marketBooks(market)[market.tokenIds.indexOf(tokenId) === 1 ? 1 : 0];
}

export function wireBook(world: SimWorld, tokenId: string): WireBook | null {
  const ref = world.token(tokenId);
  if (!ref) return null;
  const { market, outcomeIndex } = ref;
  const book = marketBooks(market)[outcomeIndex];
  const yesLast = market.lastTradeMills;
  return {
    market: market.conditionId,
    asset_id: tokenId,
    timestamp: String(world.bookTimestamp()),
    hash: bookHash(market.conditionId, tokenId, book),
    bids: wireLevels(book.bids),
    asks: wireLevels(book.asks),
    min_order_size: String(market.minOrderSize),
    tick_size: formatMills(market.tickMills),
    neg_risk: market.negRisk,
    last_trade_price: formatMills(outcomeIndex === 0 ? yesLast : 1000 - yesLast),
  };
}
