import { CATALOG } from '../world/question.catalog';
import { buildMarket, isoSeconds } from '../world/market.factory';
import type { SimWorld } from '../world/sim-world.state';
import type { SimEvent, SimMarket } from '../world/world.types';

export interface MispricingOptions {
  /** Reprice this existing neg-risk event instead of creating a new one. */
  readonly eventId?: string;
}

export interface MispricingScenario {
  readonly eventId: string;
  readonly marketIds: string[];
  readonly conditionIds: string[];
  /** Per market, [Yes, No]. */
  readonly tokenIds: [string, string][];
  readonly expected: { readonly tokenId: string; readonly fair: number; readonly ask: number; readonly edge: number };
}

const TICK = 10;
const HALF_SPREAD = 10;
/** The last outcome's YES mid; the others share the remaining 0.40, so the mids sum to 0.80. */
const LAST_MID = 400;
const OTHERS_TOTAL = 400;
const DEPTH = [800, 1_200, 1_500, 2_000, 2_500];
const DAY_MS = 86_400_000;
const SCENARIO_FEES = { rate: 0.02, exponent: 1, takerOnly: true, rebateRate: 0.2 };

/**
 * A neg-risk event whose YES mids sum to 0.80 (e.g. 0.20, 0.20, 0.40): normalized, the last
 * outcome is worth 0.40 / 0.80 = 0.50 while its best ask is 0.41, an edge of +0.09. The event is
 * frozen so the walk cannot erase the numbers.
 */
export function injectMispricing(world: SimWorld, options: MispricingOptions = {}): MispricingScenario {
  const event = options.eventId ? existingEvent(world, options.eventId) : createEvent(world);
  event.frozen = true;
  const markets = world.marketsOf(event);
  const mids = splitMids(markets.length);
  markets.forEach((market, i) => reprice(world, market, mids[i]));
  const last = markets[markets.length - 1];
  const fair = LAST_MID / (OTHERS_TOTAL + LAST_MID);
  const ask = (LAST_MID + HALF_SPREAD) / 1000;
  return {
    eventId: event.id,
    marketIds: markets.map((m) => m.id),
    conditionIds: markets.map((m) => m.conditionId),
    tokenIds: markets.map((m) => [m.tokenIds[0], m.tokenIds[1]]),
    expected: { tokenId: last.tokenIds[0], fair, ask, edge: Math.round((fair - ask) * 1000) / 1000 },
  };
}

function existingEvent(world: SimWorld, eventId: string): SimEvent {
  const event = world.events.get(eventId);
  if (!event) throw new Error(`injectMispricing: no event with id ${eventId}`);
  if (!event.negRisk) throw new Error(`injectMispricing: event ${eventId} is not neg-risk`);
  if (world.marketsOf(event).some((m) => m.closed)) throw new Error(`injectMispricing: event ${eventId} has a resolved market`);
  return event;
}

/** Mids in mills: the others split 0.40 evenly on the 0.01 grid, the last gets 0.40. */
function splitMids(count: number): number[] {
  const others = count - 1;
  const cents = OTHERS_TOTAL / TICK;
  const mids = Array.from({ length: others }, (_, i) => (Math.floor(cents / others) + (i < cents % others ? 1 : 0)) * TICK);
  return [...mids, LAST_MID];
}

function reprice(world: SimWorld, market: SimMarket, mid: number): void {
  world.setTickSize(market, TICK);
  world.mutateBook(market, (m) => {
    m.book.bidMills = mid - HALF_SPREAD;
    m.book.spreadTicks = (2 * HALF_SPREAD) / TICK;
    m.book.bidSizes = [...DEPTH];
    m.book.askSizes = [...DEPTH];
    m.lastTradeMills = mid;
  });
}

function createEvent(world: SimWorld): SimEvent {
  const now = world.now();
  const id = world.nextEventId();
  const negRiskMarketId = `0x${world.prng.hex(62)}00`;
  const title = 'Who wins the Scenario Cup?';
  const endDate = isoSeconds(Math.ceil((now + 30 * DAY_MS) / DAY_MS) * DAY_MS);
  const createdAt = isoSeconds(now - 10 * DAY_MS);
  const event: SimEvent = {
    id,
    ticker: `who-wins-the-scenario-cup-${id}`,
    slug: `who-wins-the-scenario-cup-${id}`,
    title,
    description: 'Simulated mispricing scenario.',
    negRisk: true,
    negRiskMarketId,
    tags: [CATALOG[1].tag],
    createdAt,
    startDate: createdAt,
    endDate,
    featured: false,
    marketIds: [],
    frozen: true,
  };
  const markets = ['Team Alpha', 'Team Beta', 'Team Gamma'].map((name, i) =>
    buildMarket(world.prng, {
      id: world.nextMarketId(),
      eventId: id,
      question: `Will ${name} win the Scenario Cup?`,
      groupItemTitle: name,
      negRiskMarketId,
      questionIndex: i,
      tickMills: TICK,
      bidMills: 500,
      spreadTicks: 2,
      bidSizes: [...DEPTH],
      askSizes: [...DEPTH],
      liquidity: 50_000,
      volume: 400_000,
      volume24hr: 25_000,
      // A taker fee like the venue's sports and crypto markets, so paper fills pay a realistic fee.
      feeSchedule: SCENARIO_FEES,
      createdAt,
      startDate: createdAt,
      endDate,
    }),
  );
  event.marketIds.push(...markets.map((m) => m.id));
  world.addEvent(event, markets);
  return event;
}
