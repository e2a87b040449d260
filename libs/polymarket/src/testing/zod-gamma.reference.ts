import { z } from 'zod';
import type { GammaEvent, GammaEventRef, GammaMarket } from '../gamma.types';
import { assembleGammaEvent } from '../wire/gamma-event.wire';
import { decodeGammaMarket } from '../wire/gamma-market.wire';
import { describeZodError, itemLabel, parseIssue, type ParseResult, wireErrorMap } from '../wire/parse-result';
import { flag, idString, jsonStringArray, numberish, optionalJsonStringArray, optionalText, zodTagLabels } from './zod-primitives.reference';

/**
 * The zod schemas the Gamma field guards replaced, kept only so the fuzz spec can check the guards
 * read every market and event into the same value, refusal and warnings. The rules across fields
 * and the event's assembly are shared production code: only the reading is compared.
 */

const feeScheduleSchema = z.object({
  rate: numberish,
  exponent: numberish,
  takerOnly: z.boolean().nullish(),
});

const gammaMarketSchema = z.object({
  id: idString,
  question: z.string().nullish(),
  conditionId: z.string().min(1),
  slug: z.string().nullish(),
  endDate: optionalText,
  outcomes: jsonStringArray,
  outcomePrices: optionalJsonStringArray,
  clobTokenIds: jsonStringArray,
  liquidity: numberish.nullish(),
  liquidityNum: numberish.nullish(),
  volume24hr: numberish.nullish(),
  active: flag,
  closed: flag,
  acceptingOrders: flag,
  enableOrderBook: flag,
  negRisk: flag,
  orderPriceMinTickSize: numberish.nullish(),
  orderMinSize: numberish.nullish(),
  feesEnabled: z.boolean().nullish(),
  feeSchedule: feeScheduleSchema.nullish(),
  umaResolutionStatus: optionalText,
  category: optionalText,
  tags: z.unknown(),
  events: z.unknown(),
});

const eventRefSchema = z.object({
  id: idString,
  slug: optionalText,
  title: optionalText,
  negRisk: flag,
  tags: z.unknown(),
});

const gammaEventSchema = eventRefSchema.extend({
  markets: z.array(z.unknown()).nullish(),
});

function zodEventRef(raw: unknown, owner: string, warnings: string[]): GammaEventRef | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const result = eventRefSchema.safeParse(raw[0], { errorMap: wireErrorMap });
  if (!result.success) {
    warnings.push(`${owner}: events[0] ${describeZodError(result.error)}; market treated as having no event`);
    return null;
  }
  const { id, slug, title, negRisk, tags } = result.data;
  return { id, slug, title, negRisk, tags: zodTagLabels(tags, `${owner} events[0]`, warnings) };
}

/** parseGammaMarket as it was, reading with zod. */
export function zodParseGammaMarket(raw: unknown, index?: number): ParseResult<GammaMarket> {
  const label = itemLabel('gamma market', raw, index);
  const result = gammaMarketSchema.safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) return parseIssue(`${label}: ${describeZodError(result.error)}`);
  const warnings: string[] = [];
  const event = zodEventRef(result.data.events, label, warnings);
  const tags = zodTagLabels(result.data.tags, label, warnings);
  return decodeGammaMarket({ ...result.data, event, tags }, label, warnings);
}

/** parseGammaEvent as it was, reading the event and each of its markets with zod. */
export function zodParseGammaEvent(raw: unknown, index?: number): ParseResult<GammaEvent> {
  const label = itemLabel('gamma event', raw, index);
  const result = gammaEventSchema.safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) return parseIssue(`${label}: ${describeZodError(result.error)}`);
  return assembleGammaEvent(result.data, label, { market: zodParseGammaMarket, tagLabels: zodTagLabels });
}
