import { z } from 'zod';
import type { OrderBook, PriceLevel } from '@polybot/domain';
import { describeZodError, itemLabel, parsed, parseIssue, type ParseResult, wireErrorMap } from './parse-result';
import { numberish } from './wire-primitives';

const wireLevel = z.object({ price: z.unknown(), size: z.unknown() });

export const clobBookSchema = z.object({
  market: z.string().nullish(),
  asset_id: z.string().min(1),
  timestamp: numberish,
  hash: z.string().nullish(),
  bids: z.array(z.unknown()).nullish(),
  asks: z.array(z.unknown()).nullish(),
  tick_size: numberish.nullish(),
  min_order_size: numberish.nullish(),
  neg_risk: z.boolean().nullish(),
  // Informational only; the venue sends "" when nothing has traded yet.
  last_trade_price: z.unknown(),
});

function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') return Number(raw);
  return Number.NaN;
}

/** Keeps only levels a trader could act on; every dropped level is named in `warnings`. */
function cleanLevels(raw: readonly unknown[], side: 'bid' | 'ask', label: string, warnings: string[]): PriceLevel[] {
  const levels: PriceLevel[] = [];
  raw.forEach((entry, index) => {
    const shaped = wireLevel.safeParse(entry);
    const price = shaped.success ? toNumber(shaped.data.price) : Number.NaN;
    const size = shaped.success ? toNumber(shaped.data.size) : Number.NaN;
    const shown = JSON.stringify(entry);
    if (!(price > 0 && price < 1)) {
      warnings.push(`${label}: dropped ${side} level ${index} ${shown}: price is not a number in (0,1)`);
    } else if (!(Number.isFinite(size) && size > 0)) {
      warnings.push(`${label}: dropped ${side} level ${index} ${shown}: size is not a positive number`);
    } else {
      levels.push({ price, size });
    }
  });
  return levels;
}

function lastTradePriceOf(raw: unknown): number | null {
  const price = toNumber(raw);
  return price >= 0 && price <= 1 ? price : null;
}

/** 0 stands for "the book did not say": no real tick size or minimum is ever 0. */
const NOT_GIVEN = 0;

/**
 * Parses one CLOB book. The wire puts the best level LAST (bids ascending, asks descending);
 * we sort rather than reverse so a feed that already sends best-first is also read correctly.
 * A crossed book (best bid >= best ask) cannot be traded on and is an issue, not a value.
 * `tickSize`/`minOrderSize` are 0 when the venue omitted them.
 */
export function parseClobBook(raw: unknown, index?: number): ParseResult<OrderBook> {
  const label = itemLabel('clob book', raw, index);
  const result = clobBookSchema.safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) return parseIssue(`${label}: ${describeZodError(result.error)}`);
  const wire = result.data;
  if (!Number.isInteger(wire.timestamp) || wire.timestamp <= 0) {
    return parseIssue(`${label}: timestamp ${wire.timestamp} is not epoch milliseconds`);
  }
  const tickSize = wire.tick_size ?? NOT_GIVEN;
  if (tickSize !== NOT_GIVEN && !(tickSize > 0 && tickSize < 1)) return parseIssue(`${label}: tick_size ${tickSize} is not in (0,1)`);

  const warnings: string[] = [];
  const bids = cleanLevels(wire.bids ?? [], 'bid', label, warnings).sort((a, b) => b.price - a.price);
  const asks = cleanLevels(wire.asks ?? [], 'ask', label, warnings).sort((a, b) => a.price - b.price);
  const bestBid = bids[0];
  const bestAsk = asks[0];
  if (bestBid && bestAsk && bestBid.price >= bestAsk.price) {
    return parseIssue(`${label}: crossed book (best bid ${bestBid.price} >= best ask ${bestAsk.price}); dropped`);
  }
  return parsed(
    {
      tokenId: wire.asset_id,
      conditionId: wire.market ?? '',
      bids,
      asks,
      tickSize,
      minOrderSize: wire.min_order_size ?? NOT_GIVEN,
      negRisk: wire.neg_risk ?? false,
      timestamp: wire.timestamp,
      ...(wire.hash ? { hash: wire.hash } : {}),
      lastTradePrice: lastTradePriceOf(wire.last_trade_price),
    },
    warnings,
  );
}
