import { millsToNumber } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import { UnknownTokenError } from './unknown-token.error';

export interface PriceMove {
  readonly tokenId: string;
  readonly conditionId: string;
  /** The moved token's new top of book. */
  readonly bestBid: number;
  readonly bestAsk: number;
}

const ONE = 1000;

/**
 * Moves a market so the given token's mid is `mid` (a NO token's mid m puts the YES mid at 1 - m),
 * keeping its tick, spread and depth; the mid lands on the nearest price the spread allows. The
 * event is frozen so the random walk cannot take the move back, as take-profit and stop-loss tests need.
 */
export function setPrice(world: SimWorld, tokenId: string, mid: number): PriceMove {
  const ref = world.token(tokenId);
  if (!ref) throw new UnknownTokenError('setPrice', tokenId);
  if (typeof mid !== 'number' || !Number.isFinite(mid) || mid <= 0 || mid >= 1) {
    throw new Error(`setPrice: mid must be a number strictly between 0 and 1, got ${String(mid)}`);
  }
  const { market, outcomeIndex } = ref;
  if (market.closed) throw new Error(`setPrice: market ${market.conditionId} is resolved and has no book to move`);

  const tick = market.tickMills;
  const spread = market.book.spreadTicks * tick;
  const yesMid = (outcomeIndex === 0 ? mid : 1 - mid) * ONE;
  const bid = Math.round((yesMid - spread / 2) / tick) * tick;
  if (bid < tick || bid + spread > ONE - tick) {
    const lowest = millsToNumber(tick + spread / 2);
    const highest = millsToNumber(ONE - tick - spread / 2);
    throw new Error(
      `setPrice: mid ${mid} leaves no room for the book (tick ${millsToNumber(tick)}, spread ${millsToNumber(spread)}); ` +
        `mids from ${lowest} to ${highest} fit`,
    );
  }

  const event = world.eventOf(market);
  if (event) event.frozen = true;
  const oldBid = market.book.bidMills;
  world.mutateBook(market, (m) => {
    m.book.bidMills = bid;
    // Like the walk: a move up trades at the new ask, a move down at the new bid.
    m.lastTradeMills = bid > oldBid ? bid + spread : bid;
  });
  const book = marketBooks(market)[outcomeIndex];
  return {
    tokenId,
    conditionId: market.conditionId,
    bestBid: millsToNumber(book.bids[0].priceMills),
    bestAsk: millsToNumber(book.asks[0].priceMills),
  };
}
