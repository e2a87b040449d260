import type { OrderBook, PriceLevel } from '@polybot/domain';
import {
  isWireRecord,
  nonEmptyText,
  numberish,
  optionalBoolean,
  optionalList,
  optionalNumberish,
  optionalText,
  readOrRefusal,
  WireFieldError,
  wireRecord,
} from './field-guards';
import { itemLabel, parsed, parseIssue, type ParseResult } from './parse-result';

interface ClobBookWire {
  readonly market: string | null | undefined;
  readonly assetId: string;
  readonly timestamp: number;
  readonly hash: string | null | undefined;
  readonly bids: readonly unknown[] | null | undefined;
  readonly asks: readonly unknown[] | null | undefined;
  readonly tickSize: number | null | undefined;
  readonly minOrderSize: number | null | undefined;
  readonly negRisk: boolean | null | undefined;
  // Informational only; the venue sends "" when nothing has traded yet.
  readonly lastTradePrice: unknown;
}

/** Checks the book's fields in wire order; the first wrong one is named (WireFieldError). */
function readClobBook(raw: unknown): ClobBookWire {
  const record = wireRecord(raw);
  return {
    market: optionalText(record, 'market'),
    assetId: nonEmptyText(record, 'asset_id'),
    timestamp: numberish(record, 'timestamp'),
    hash: optionalText(record, 'hash'),
    bids: optionalList(record, 'bids'),
    asks: optionalList(record, 'asks'),
    tickSize: optionalNumberish(record, 'tick_size'),
    minOrderSize: optionalNumberish(record, 'min_order_size'),
    negRisk: optionalBoolean(record, 'neg_risk'),
    lastTradePrice: record.last_trade_price,
  };
}

function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') return Number(raw);
  return Number.NaN;
}

/** Keeps only levels a trader could act on; every dropped level is named in `warnings`. */
function cleanLevels(raw: readonly unknown[], side: 'bid' | 'ask', label: string, warnings: string[]): PriceLevel[] {
  const levels: PriceLevel[] = [];
  raw.forEach((entry, index) => {
    const shaped = isWireRecord(entry);
    const price = shaped ? toNumber(entry.price) : Number.NaN;
    const size = shaped ? toNumber(entry.size) : Number.NaN;
    if (!(price > 0 && price < 1)) {
      warnings.push(`${label}: dropped ${side} level ${index} ${JSON.stringify(entry)}: price is not a number in (0,1)`);
    } else if (!(Number.isFinite(size) && size > 0)) {
      warnings.push(`${label}: dropped ${side} level ${index} ${JSON.stringify(entry)}: size is not a positive number`);
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
  const wire = readOrRefusal(() => readClobBook(raw));
  if (wire instanceof WireFieldError) return parseIssue(`${label}: ${wire.message}`);
  if (!Number.isInteger(wire.timestamp) || wire.timestamp <= 0) {
    return parseIssue(`${label}: timestamp ${wire.timestamp} is not epoch milliseconds`);
  }
  const tickSize = wire.tickSize ?? NOT_GIVEN;
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
      tokenId: wire.assetId,
      conditionId: wire.market ?? '',
      bids,
      asks,
      tickSize,
      minOrderSize: wire.minOrderSize ?? NOT_GIVEN,
      negRisk: wire.negRisk ?? false,
      timestamp: wire.timestamp,
      ...(wire.hash ? { hash: wire.hash } : {}),
      lastTradePrice: lastTradePriceOf(wire.lastTradePrice),
    },
    warnings,
  );
}
