import { CATALOG, slugify, type CategoryCatalog } from './question.catalog';
import { buildMarket, isoSeconds, levelSizes } from './market.factory';
import { Prng } from './seeded.prng';
import { SimWorld } from './sim-world.state';
import type { Mills, SimEvent, SimFeeSchedule, SimMarket } from './world.types';

export interface GenerateWorldOptions {
  readonly seed: number;
  readonly events: number;
  /** The world's clock at generation (epoch ms): end dates are 3-120 days after it. */
  readonly now?: number;
  /** Clock stamped on books while the simulator runs. */
  readonly clock?: () => number;
}

const DAY_MS = 86_400_000;

/**
 * A reproducible venue: about a third neg-risk events (3-6 mutually exclusive outcomes whose YES
 * mids sum to 1.00-1.03, so they raise no neg-risk signal), the rest single binary markets.
 */
export function generateWorld(options: GenerateWorldOptions): SimWorld {
  const now = options.now ?? Date.now();
  const prng = new Prng(options.seed);
  const world = new SimWorld(options.seed, now, prng, options.clock);
  for (let i = 0; i < options.events; i++) {
    const catalog = prng.pick(CATALOG);
    if (i % 3 === 1) addNegRiskEvent(world, prng, catalog, now);
    else addBinaryEvent(world, prng, catalog, now);
  }
  return world;
}

interface EventDates {
  readonly createdAt: string;
  readonly startDate: string;
  readonly endDate: string;
}

function eventDates(prng: Prng, now: number): EventDates {
  const created = now - prng.int(5, 200) * DAY_MS - prng.int(0, DAY_MS);
  const end = Math.ceil((now + prng.int(3, 120) * DAY_MS) / DAY_MS) * DAY_MS;
  return { createdAt: isoSeconds(created), startDate: isoSeconds(created + 60_000), endDate: isoSeconds(end) };
}

function feeSchedule(prng: Prng): SimFeeSchedule | null {
  return prng.chance(0.5) ? { rate: prng.pick([0.02, 0.04, 0.07]), exponent: 1, takerOnly: true, rebateRate: 0.2 } : null;
}

/** Mostly liquid enough for the default universe filters (min liquidity 1000), a few not. */
function liquidity(prng: Prng): { liquidity: number; volume: number; volume24hr: number } {
  const liq = prng.chance(0.85) ? prng.float(2_000, 400_000) : prng.float(50, 900);
  const volume = liq * prng.float(2, 40);
  return { liquidity: round2(liq), volume: round2(volume), volume24hr: round2(volume * prng.float(0.01, 0.2)) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function tickFor(prng: Prng, midMills: number): Mills {
  return midMills < 40 || midMills > 960 || prng.chance(0.25) ? 1 : 10;
}

function spreadTicksFor(prng: Prng, tickMills: Mills): number {
  return tickMills === 10 ? prng.int(1, 3) : prng.int(2, 15);
}

function bidFor(midMills: number, tickMills: Mills, spreadTicks: number): Mills {
  const bid = Math.round((midMills - (spreadTicks * tickMills) / 2) / tickMills) * tickMills;
  return Math.min(Math.max(bid, tickMills), 1000 - tickMills - spreadTicks * tickMills);
}

function newEvent(world: SimWorld, prng: Prng, catalog: CategoryCatalog, title: string, negRisk: boolean, dates: EventDates): SimEvent {
  const id = world.nextEventId();
  const slug = `${slugify(title)}-${id}`;
  return {
    id,
    ticker: slug,
    slug,
    title,
    description: `Simulated market: ${title}`,
    negRisk,
    negRiskMarketId: negRisk ? `0x${prng.hex(62)}00` : null,
    tags: [catalog.tag, prng.pick(catalog.subTags)],
    ...dates,
    featured: prng.chance(0.1),
    marketIds: [],
    frozen: false,
  };
}

function addBinaryEvent(world: SimWorld, prng: Prng, catalog: CategoryCatalog, now: number): void {
  const question = catalog.binary(prng);
  const event = newEvent(world, prng, catalog, question, false, eventDates(prng, now));
  const mid = prng.int(80, 920);
  const tickMills = tickFor(prng, mid);
  const spreadTicks = spreadTicksFor(prng, tickMills);
  const market = buildMarket(prng, {
    id: world.nextMarketId(),
    eventId: event.id,
    question,
    groupItemTitle: '',
    negRiskMarketId: null,
    questionIndex: 0,
    tickMills,
    bidMills: bidFor(mid, tickMills, spreadTicks),
    spreadTicks,
    bidSizes: levelSizes(prng, prng.int(5, 8), 20, 2_500),
    askSizes: levelSizes(prng, prng.int(5, 8), 20, 2_500),
    ...liquidity(prng),
    feeSchedule: feeSchedule(prng),
    createdAt: event.createdAt,
    startDate: event.startDate,
    endDate: event.endDate,
  });
  event.marketIds.push(market.id);
  world.addEvent(event, [market]);
}

function addNegRiskEvent(world: SimWorld, prng: Prng, catalog: CategoryCatalog, now: number): void {
  const contest = prng.pick(catalog.contests);
  const event = newEvent(world, prng, catalog, `Who wins the ${contest}?`, true, eventDates(prng, now));
  const count = prng.int(3, Math.min(6, catalog.contenders.length));
  const contenders = shuffled(prng, catalog.contenders).slice(0, count);
  const targetSum = prng.int(1_005, 1_025);
  const weights = contenders.map(() => prng.float(0.3, 3));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const mids = weights.map((w) => Math.max(30, (targetSum * w) / totalWeight));
  const fees = feeSchedule(prng);
  const markets: SimMarket[] = contenders.map((name, i) => {
    const tickMills = tickFor(prng, mids[i]);
    const spreadTicks = spreadTicksFor(prng, tickMills);
    return buildMarket(prng, {
      id: world.nextMarketId(),
      eventId: event.id,
      question: `Will ${name} win the ${contest}?`,
      groupItemTitle: name,
      negRiskMarketId: event.negRiskMarketId,
      questionIndex: i,
      tickMills,
      bidMills: bidFor(mids[i], tickMills, spreadTicks),
      spreadTicks,
      bidSizes: levelSizes(prng, prng.int(5, 8), 20, 2_500),
      askSizes: levelSizes(prng, prng.int(5, 8), 20, 2_500),
      ...liquidity(prng),
      feeSchedule: fees,
      createdAt: event.createdAt,
      startDate: event.startDate,
      endDate: event.endDate,
    });
  });
  settleSum(markets, targetSum);
  event.marketIds.push(...markets.map((m) => m.id));
  world.addEvent(event, markets);
}

/** Rounding to ticks drifts the YES mids' sum; the favourite absorbs the difference. */
function settleSum(markets: SimMarket[], targetSum: number): void {
  const favourite = markets.reduce((a, b) => (b.book.bidMills > a.book.bidMills ? b : a));
  const sum = markets.reduce((s, m) => s + m.book.bidMills + (m.book.spreadTicks * m.tickMills) / 2, 0);
  favourite.book.bidMills += Math.round((targetSum - sum) / favourite.tickMills) * favourite.tickMills;
}

function shuffled<T>(prng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
