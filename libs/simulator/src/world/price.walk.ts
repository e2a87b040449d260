import type { SimWorld } from './sim-world.state';
import type { Mills, SimMarket } from './world.types';

const MOVE_PROBABILITY = 0.3;
const SIZE_JITTER_PROBABILITY = 0.2;

/** Every `of`-th event, starting at `index`: a walk spread over a period in `of` steps. */
export interface WalkSlice {
  readonly index: number;
  readonly of: number;
}

const EVERY_EVENT: WalkSlice = { index: 0, of: 1 };

/**
 * One step of the random walk over the slice's events (all of them by default). Binary markets
 * move their mid a tick at a time; a neg-risk event moves probability from one outcome to another,
 * so its YES mids keep their sum (and stay free of a neg-risk signal). Books stay valid: never
 * crossed, prices in [tick, 1 - tick].
 */
export function walkPrices(world: SimWorld, slice: WalkSlice = EVERY_EVENT): void {
  if (world.stale) return;
  const prng = world.prng;
  let position = -1;
  for (const event of world.events.values()) {
    position += 1;
    if (position % slice.of !== slice.index || event.frozen) continue;
    const markets = world.marketsOf(event).filter((m) => !m.closed);
    if (event.negRisk && markets.length >= 2 && prng.chance(MOVE_PROBABILITY)) {
      const from = prng.pick(markets);
      const to = prng.pick(markets.filter((m) => m !== from));
      const delta = Math.max(from.tickMills, to.tickMills);
      if (canShift(from, -delta) && canShift(to, delta)) {
        shift(world, from, -delta);
        shift(world, to, delta);
      }
    }
    for (const market of markets) {
      if (!event.negRisk && prng.chance(MOVE_PROBABILITY)) {
        const delta = (prng.chance(0.5) ? 1 : -1) * market.tickMills;
        if (canShift(market, delta)) shift(world, market, delta);
      }
      if (prng.chance(SIZE_JITTER_PROBABILITY)) jitterBestSize(world, market);
    }
  }
}

function canShift(market: SimMarket, delta: Mills): boolean {
  const bid = market.book.bidMills + delta;
  const ask = bid + market.book.spreadTicks * market.tickMills;
  return bid >= market.tickMills && ask <= 1000 - market.tickMills;
}

function shift(world: SimWorld, market: SimMarket, delta: Mills): void {
  world.mutateBook(market, (m) => {
    m.book.bidMills += delta;
    m.lastTradeMills = delta > 0 ? m.book.bidMills + m.book.spreadTicks * m.tickMills : m.book.bidMills;
  });
  // The venue switches to a finer tick near the extremes.
  const ask = market.book.bidMills + market.book.spreadTicks * market.tickMills;
  if (market.tickMills === 10 && (market.book.bidMills < 40 || ask > 960)) {
    world.setTickSize(market, 1);
    world.mutateBook(market, (m) => {
      m.book.spreadTicks *= 10;
    });
  }
}

function jitterBestSize(world: SimWorld, market: SimMarket): void {
  const prng = world.prng;
  const sizes = prng.chance(0.5) ? market.book.bidSizes : market.book.askSizes;
  if (sizes.length === 0) return;
  world.mutateBook(market, () => {
    sizes[0] = Math.max(5, Math.round(sizes[0] * prng.float(0.7, 1.3) * 100) / 100);
  });
}
