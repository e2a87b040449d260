import { slugify } from './question.catalog';
import type { Prng } from './seeded.prng';
import type { Mills, SimFeeSchedule, SimMarket } from './world.types';

export interface MarketSpec {
  readonly id: string;
  readonly eventId: string;
  readonly question: string;
  readonly groupItemTitle: string;
  readonly negRiskMarketId: string | null;
  readonly questionIndex: number;
  readonly tickMills: Mills;
  readonly bidMills: Mills;
  readonly spreadTicks: number;
  readonly bidSizes: number[];
  readonly askSizes: number[];
  readonly liquidity: number;
  readonly volume: number;
  readonly volume24hr: number;
  readonly feeSchedule: SimFeeSchedule | null;
  readonly createdAt: string;
  readonly startDate: string;
  readonly endDate: string;
}

/** A market with venue-like identifiers: 0x conditionId, 77-digit token ids, a unique slug. */
export function buildMarket(prng: Prng, spec: MarketSpec): SimMarket {
  const questionId = spec.negRiskMarketId
    ? spec.negRiskMarketId.slice(0, -2) + spec.questionIndex.toString(16).padStart(2, '0')
    : `0x${prng.hex(64)}`;
  const spreadMills = spec.spreadTicks * spec.tickMills;
  return {
    id: spec.id,
    conditionId: `0x${prng.hex(64)}`,
    questionId,
    slug: `${slugify(spec.question)}-${spec.id}`,
    question: spec.question,
    groupItemTitle: spec.groupItemTitle,
    eventId: spec.eventId,
    negRisk: spec.negRiskMarketId !== null,
    negRiskMarketId: spec.negRiskMarketId,
    outcomes: ['Yes', 'No'],
    tokenIds: [prng.decimalId(77), prng.decimalId(77)],
    minOrderSize: 5,
    createdAt: spec.createdAt,
    startDate: spec.startDate,
    endDate: spec.endDate,
    liquidity: spec.liquidity,
    volume: spec.volume,
    volume24hr: spec.volume24hr,
    feeSchedule: spec.feeSchedule,
    tickMills: spec.tickMills,
    active: true,
    closed: false,
    acceptingOrders: true,
    umaResolutionStatus: null,
    winningOutcomeIndex: null,
    closedTime: null,
    lastTradeMills: spec.bidMills + Math.round(spreadMills / 2 / spec.tickMills) * spec.tickMills,
    book: { bidMills: spec.bidMills, spreadTicks: spec.spreadTicks, bidSizes: spec.bidSizes, askSizes: spec.askSizes },
  };
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function levelSizes(prng: Prng, levels: number, min: number, max: number): number[] {
  return Array.from({ length: levels }, () =>
    prng.chance(0.5) ? prng.int(min, max) : Math.round(prng.float(min, max) * 100) / 100,
  );
}
