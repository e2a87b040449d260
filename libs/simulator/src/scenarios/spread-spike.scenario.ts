import type { SimWorld } from '../world/sim-world.state';

export interface SpreadSpike {
  readonly tokenId: string;
  readonly oldSpread: number;
  readonly newSpread: number;
}

/** Widens a market's spread about its mid (both tokens' books mirror it), within [tick, 1 - tick]. */
export function spreadSpike(world: SimWorld, tokenId: string, factor: number): SpreadSpike {
  const ref = world.token(tokenId);
  if (!ref) throw new Error(`spreadSpike: unknown token ${tokenId}`);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`spreadSpike: factor must be a positive number, got ${factor}`);
  const { market } = ref;
  const tick = market.tickMills;
  const oldTicks = market.book.spreadTicks;
  const maxTicks = Math.floor((1000 - 2 * tick) / tick);
  const newTicks = Math.min(maxTicks, Math.max(1, Math.round(oldTicks * factor)));
  const mid = market.book.bidMills + (oldTicks * tick) / 2;
  let bid = Math.round((mid - (newTicks * tick) / 2) / tick) * tick;
  bid = Math.min(Math.max(bid, tick), 1000 - tick - newTicks * tick);
  world.mutateBook(market, (m) => {
    m.book.spreadTicks = newTicks;
    m.book.bidMills = bid;
  });
  return { tokenId, oldSpread: (oldTicks * tick) / 1000, newSpread: (newTicks * tick) / 1000 };
}
