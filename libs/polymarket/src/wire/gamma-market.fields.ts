import type { GammaEventRef } from '../gamma.types';
import {
  flag,
  idText,
  nonEmptyText,
  numberish,
  optionalBoolean,
  optionalNumberish,
  optionalRecord,
  optionalText,
  textOrNone,
  wireRecord,
  type WireRecord,
} from './field-guards';
import { parseEventRef } from './gamma-event-ref.wire';
import { jsonStrings, optionalJsonStrings, parseTagLabels } from './wire-primitives';

export interface FeeScheduleWire {
  readonly rate: number;
  readonly exponent: number;
  readonly takerOnly?: boolean | null;
}

/** A Gamma market's fields, each checked on its own; decodeGammaMarket checks them together. */
export interface GammaMarketFields {
  readonly id: string;
  readonly question?: string | null;
  readonly conditionId: string;
  readonly slug?: string | null;
  readonly endDate: string | null;
  readonly outcomes: readonly string[];
  readonly outcomePrices: readonly string[] | null;
  readonly clobTokenIds: readonly string[];
  readonly liquidity?: number | null;
  readonly liquidityNum?: number | null;
  readonly volume24hr?: number | null;
  readonly active: boolean;
  readonly closed: boolean;
  readonly acceptingOrders: boolean;
  readonly enableOrderBook: boolean;
  readonly negRisk: boolean;
  readonly orderPriceMinTickSize?: number | null;
  readonly orderMinSize?: number | null;
  readonly feesEnabled?: boolean | null;
  readonly feeSchedule?: FeeScheduleWire | null;
  readonly umaResolutionStatus: string | null;
  readonly category: string | null;
  /** The market's own tag labels; malformed tags were dropped with a warning. */
  readonly tags: readonly string[];
  readonly event: GammaEventRef | null;
}

function feeScheduleOf(record: WireRecord): FeeScheduleWire | null | undefined {
  const schedule = optionalRecord(record, 'feeSchedule');
  if (schedule === undefined || schedule === null) return schedule;
  return {
    rate: numberish(schedule, 'rate', 'feeSchedule'),
    exponent: numberish(schedule, 'exponent', 'feeSchedule'),
    takerOnly: optionalBoolean(schedule, 'takerOnly', 'feeSchedule'),
  };
}

/**
 * Checks the fields in the order the zod schema did, so the first wrong one is the one it named
 * (WireFieldError). Tags and the event never refuse the market, only add `warnings`.
 */
export function readGammaMarketFields(raw: unknown, label: string, warnings: string[]): GammaMarketFields {
  const record = wireRecord(raw);
  const fields = {
    id: idText(record, 'id'),
    question: optionalText(record, 'question'),
    conditionId: nonEmptyText(record, 'conditionId'),
    slug: optionalText(record, 'slug'),
    endDate: textOrNone(record, 'endDate'),
    outcomes: jsonStrings(record, 'outcomes'),
    outcomePrices: optionalJsonStrings(record, 'outcomePrices'),
    clobTokenIds: jsonStrings(record, 'clobTokenIds'),
    liquidity: optionalNumberish(record, 'liquidity'),
    liquidityNum: optionalNumberish(record, 'liquidityNum'),
    volume24hr: optionalNumberish(record, 'volume24hr'),
    active: flag(record, 'active'),
    closed: flag(record, 'closed'),
    acceptingOrders: flag(record, 'acceptingOrders'),
    enableOrderBook: flag(record, 'enableOrderBook'),
    negRisk: flag(record, 'negRisk'),
    orderPriceMinTickSize: optionalNumberish(record, 'orderPriceMinTickSize'),
    orderMinSize: optionalNumberish(record, 'orderMinSize'),
    feesEnabled: optionalBoolean(record, 'feesEnabled'),
    feeSchedule: feeScheduleOf(record),
    umaResolutionStatus: textOrNone(record, 'umaResolutionStatus'),
    category: textOrNone(record, 'category'),
  };
  const event = parseEventRef(record.events, label, warnings);
  return { ...fields, tags: parseTagLabels(record.tags, label, warnings), event };
}
