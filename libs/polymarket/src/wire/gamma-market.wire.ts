import { z } from 'zod';
import type { FeeSchedule } from '@polybot/domain';
import type { GammaEventRef, GammaMarket } from '../gamma.types';
import { describeZodError, itemLabel, parsed, parseIssue, type ParseResult, wireErrorMap } from './parse-result';
import {
  flag,
  idString,
  jsonStringArray,
  numberish,
  optionalJsonStringArray,
  optionalText,
  parseTagLabels,
} from './wire-primitives';

const feeScheduleSchema = z.object({
  rate: numberish,
  exponent: numberish,
  takerOnly: z.boolean().nullish(),
});

export const gammaMarketSchema = z.object({
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

type GammaMarketWire = z.infer<typeof gammaMarketSchema>;

const eventRefSchema = z.object({
  id: idString,
  slug: optionalText,
  title: optionalText,
  negRisk: flag,
  tags: z.unknown(),
});

function parseEventRef(raw: unknown, owner: string, warnings: string[]): GammaEventRef | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const result = eventRefSchema.safeParse(raw[0], { errorMap: wireErrorMap });
  if (!result.success) {
    warnings.push(`${owner}: events[0] ${describeZodError(result.error)}; market treated as having no event`);
    return null;
  }
  const { id, slug, title, negRisk, tags } = result.data;
  return { id, slug, title, negRisk, tags: parseTagLabels(tags, `${owner} events[0]`, warnings) };
}

function feeScheduleOf(wire: GammaMarketWire): FeeSchedule | null {
  if (wire.feesEnabled === false || !wire.feeSchedule) return null;
  const { rate, exponent, takerOnly } = wire.feeSchedule;
  return { rate, exponent, takerOnly: takerOnly ?? true };
}

function outcomePricesOf(wire: GammaMarketWire): number[] | null | string {
  if (wire.outcomePrices === null) return null;
  const prices = wire.outcomePrices.map((price) => (price.trim() === '' ? Number.NaN : Number(price)));
  if (prices.some((price) => !Number.isFinite(price))) return 'outcomePrices is not a JSON array of numeric strings';
  if (prices.length !== wire.outcomes.length) return `outcomePrices has ${prices.length} entries for ${wire.outcomes.length} outcomes`;
  return prices;
}

function decode(wire: GammaMarketWire, label: string, warnings: string[]): ParseResult<GammaMarket> {
  if (wire.clobTokenIds.length !== wire.outcomes.length) {
    return parseIssue(`${label}: clobTokenIds has ${wire.clobTokenIds.length} entries for ${wire.outcomes.length} outcomes`);
  }
  if (wire.clobTokenIds.some((tokenId) => tokenId.trim() === '')) return parseIssue(`${label}: clobTokenIds has an empty token id`);
  const outcomePrices = outcomePricesOf(wire);
  if (typeof outcomePrices === 'string') return parseIssue(`${label}: ${outcomePrices}`);
  const tick = wire.orderPriceMinTickSize ?? null;
  if (tick !== null && !(tick > 0 && tick < 1)) return parseIssue(`${label}: orderPriceMinTickSize ${tick} is not in (0,1)`);

  const event = parseEventRef(wire.events, label, warnings);
  const ownTags = parseTagLabels(wire.tags, label, warnings);
  return parsed(
    {
      id: wire.id,
      question: wire.question ?? '',
      conditionId: wire.conditionId,
      slug: wire.slug ?? '',
      endDate: wire.endDate,
      tokens: wire.clobTokenIds.map((tokenId, i) => ({ tokenId, outcome: wire.outcomes[i] ?? '' })),
      outcomePrices,
      negRisk: wire.negRisk,
      category: wire.category,
      tags: [...new Set([...ownTags, ...(event?.tags ?? [])])],
      event,
      // `liquidityNum` is the number Gamma computed; the decimal string is the fallback.
      liquidityNum: wire.liquidityNum ?? wire.liquidity ?? 0,
      volume24hr: wire.volume24hr ?? 0,
      tickSize: tick,
      orderMinSize: wire.orderMinSize ?? null,
      acceptingOrders: wire.acceptingOrders,
      enableOrderBook: wire.enableOrderBook,
      active: wire.active,
      closed: wire.closed,
      feeSchedule: feeScheduleOf(wire),
      umaResolutionStatus: wire.umaResolutionStatus,
    },
    warnings,
  );
}

/** Parses one Gamma market object; never throws. */
export function parseGammaMarket(raw: unknown, index?: number): ParseResult<GammaMarket> {
  const label = itemLabel('gamma market', raw, index);
  const result = gammaMarketSchema.safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) return parseIssue(`${label}: ${describeZodError(result.error)}`);
  return decode(result.data, label, []);
}
