import type { FeeSchedule } from '@polybot/domain';
import type { GammaMarket } from '../gamma.types';
import { readOrRefusal, WireFieldError } from './field-guards';
import { type GammaMarketFields, readGammaMarketFields } from './gamma-market.fields';
import { itemLabel, parsed, parseIssue, type ParseResult } from './parse-result';

function feeScheduleOf(wire: GammaMarketFields): FeeSchedule | null {
  if (wire.feesEnabled === false || !wire.feeSchedule) return null;
  const { rate, exponent, takerOnly } = wire.feeSchedule;
  return { rate, exponent, takerOnly: takerOnly ?? true };
}

function outcomePricesOf(wire: GammaMarketFields): number[] | null | string {
  if (wire.outcomePrices === null) return null;
  const prices = wire.outcomePrices.map((price) => (price.trim() === '' ? Number.NaN : Number(price)));
  if (prices.some((price) => !Number.isFinite(price))) return 'outcomePrices is not a JSON array of numeric strings';
  if (prices.length !== wire.outcomes.length) return `outcomePrices has ${prices.length} entries for ${wire.outcomes.length} outcomes`;
  return prices;
}

/** The rules across fields; shared with the zod reference so the fuzz spec compares only the reading. */
export function decodeGammaMarket(wire: GammaMarketFields, label: string, warnings: readonly string[]): ParseResult<GammaMarket> {
  if (wire.clobTokenIds.length !== wire.outcomes.length) {
    return parseIssue(`${label}: clobTokenIds has ${wire.clobTokenIds.length} entries for ${wire.outcomes.length} outcomes`);
  }
  if (wire.clobTokenIds.some((tokenId) => tokenId.trim() === '')) return parseIssue(`${label}: clobTokenIds has an empty token id`);
  const outcomePrices = outcomePricesOf(wire);
  if (typeof outcomePrices === 'string') return parseIssue(`${label}: ${outcomePrices}`);
  const tick = wire.orderPriceMinTickSize ?? null;
  if (tick !== null && !(tick > 0 && tick < 1)) return parseIssue(`${label}: orderPriceMinTickSize ${tick} is not in (0,1)`);

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
      tags: [...new Set([...wire.tags, ...(wire.event?.tags ?? [])])],
      event: wire.event,
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
  const warnings: string[] = [];
  const wire = readOrRefusal(() => readGammaMarketFields(raw, label, warnings));
  if (wire instanceof WireFieldError) return parseIssue(`${label}: ${wire.message}`);
  return decodeGammaMarket(wire, label, warnings);
}
