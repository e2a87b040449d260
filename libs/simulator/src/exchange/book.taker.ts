import type { SimWorld } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import type { Mills, SimMarket } from '../world/world.types';
import type { OrderSide } from './exchange.types';

export interface LevelFill {
  readonly priceMills: Mills;
  readonly sizeMicro: number;
}

/** Levels below this many shares are gone from the book (the wire shows sizes to 2 decimals). */
const DUST_SHARES = 0.01;

/** The liquidity an order on `outcomeIndex` would cross, best first, up to `wantMicro` shares. */
export function crossingFills(market: SimMarket, outcomeIndex: 0 | 1, side: OrderSide, limitMills: Mills, wantMicro: number): LevelFill[] {
  const book = marketBooks(market)[outcomeIndex];
  const levels = side === 'BUY' ? book.asks.filter((l) => l.priceMills <= limitMills) : book.bids.filter((l) => l.priceMills >= limitMills);
  const fills: LevelFill[] = [];
  let left = wantMicro;
  for (const level of levels) {
    if (left <= 0) break;
    const take = Math.min(left, Math.round(level.size * 1_000_000));
    if (take > 0) fills.push({ priceMills: level.priceMills, sizeMicro: take });
    left -= take;
  }
  return fills;
}

/**
 * Removes filled liquidity from the market's book shape, in one book change (so the market channel
 * sends one price_change). A NO ask is a mirrored YES bid, so which YES side shrinks depends on both
 * the token and the side. An emptied best level moves the best price one tick out.
 */
export function takeLiquidity(world: SimWorld, market: SimMarket, outcomeIndex: 0 | 1, side: OrderSide, fills: readonly LevelFill[]): void {
  if (fills.length === 0) return;
  const fromAsks = (side === 'BUY') === (outcomeIndex === 0);
  world.mutateBook(market, (m) => {
    const sizes = fromAsks ? m.book.askSizes : m.book.bidSizes;
    for (const fill of fills) {
      const left = Math.round(((sizes[0] ?? 0) - fill.sizeMicro / 1_000_000) * 100) / 100;
      if (left >= DUST_SHARES) {
        sizes[0] = left;
        continue;
      }
      sizes.shift();
      m.book.spreadTicks += 1;
      if (!fromAsks) m.book.bidMills -= m.tickMills;
    }
    m.lastTradeMills = outcomeIndex === 0 ? fills[fills.length - 1].priceMills : 1000 - fills[fills.length - 1].priceMills;
  });
}
