import { datetimeRegex } from 'zod';
import type { SnapshotBatchJob } from './market-snapshot.schema';

/**
 * A fast yes for snapshot batches, which the ingestor queues and strategy and risk consume by the
 * thousand tokens: zod took 4-8 ms per 1,000-token batch, this takes a fraction of one. It only
 * ever says yes to what snapshotBatchSchema accepts (the fuzz spec checks); a no is not a verdict,
 * the caller then runs the schema so an error or a dead letter's reason is zod's. Unknown keys are
 * left on (the schema would strip them); the domain types have none.
 */
export function isSnapshotBatch(data: unknown): data is SnapshotBatchJob {
  if (!isRecord(data) || data.v !== 1 || !isNonEmptyText(data.cycleId) || !isDateTime(data.fetchedAt)) return false;
  return isListOf(data.events, isEventSnapshot);
}

type Shape = Record<string, unknown>;

/** Indexed, not Array#every: every skips the holes of a sparse array, which zod refuses. */
function isListOf(value: unknown, isItem: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isItem(value[i])) return false;
  return true;
}

function isRecord(value: unknown): value is Shape {
  // Plain JSON objects only: zod also refuses dates, maps and sets as objects.
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isNullableText(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

function isFiniteIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function isNonNegative(value: unknown): boolean {
  return isFiniteIn(value, 0, Number.POSITIVE_INFINITY);
}

function isNullableProbability(value: unknown): boolean {
  return value === null || isFiniteIn(value, 0, 1);
}

const DATE_TIME = datetimeRegex({ offset: true, local: false, precision: null });
/** Every market of a batch carries the same few fetch times: one regex test per distinct string. */
let lastDateTime = '';

function isDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === lastDateTime) return true;
  if (!DATE_TIME.test(value)) return false;
  lastDateTime = value;
  return true;
}

function isEventSnapshot(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isNonEmptyText(value.eventId) &&
    isNullableText(value.slug) &&
    isNullableText(value.title) &&
    typeof value.negRisk === 'boolean' &&
    isListOf(value.markets, isMarketSnapshot)
  );
}

function isFeeSchedule(value: unknown): boolean {
  if (value === null) return true;
  return isRecord(value) && isNonNegative(value.rate) && isFiniteIn(value.exponent, -Infinity, Infinity) && typeof value.takerOnly === 'boolean';
}

function isOptionalPrices(value: unknown): boolean {
  return value === undefined || value === null || (isListOf(value, (price) => isFiniteIn(price, -Infinity, Infinity)));
}

function isMarketSnapshot(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isNonEmptyText(value.marketId) &&
    isNonEmptyText(value.conditionId) &&
    typeof value.question === 'string' &&
    typeof value.slug === 'string' &&
    isNullableText(value.eventId) &&
    isNullableText(value.eventSlug) &&
    typeof value.negRisk === 'boolean' &&
    isNullableText(value.endDate) &&
    isNullableText(value.category) &&
    isListOf(value.tags, (tag) => typeof tag === 'string') &&
    typeof value.active === 'boolean' &&
    typeof value.closed === 'boolean' &&
    typeof value.acceptingOrders === 'boolean' &&
    typeof value.enableOrderBook === 'boolean' &&
    isNonNegative(value.liquidityUsd) &&
    isNonNegative(value.volume24hUsd) &&
    isFiniteIn(value.tickSize, Number.MIN_VALUE, 0.1) &&
    isNonNegative(value.minOrderSize) &&
    isFeeSchedule(value.feeSchedule) &&
    isListOf(value.tokens, isTokenQuote) &&
    isDateTime(value.fetchedAt) &&
    (value.umaResolutionStatus === undefined || isNullableText(value.umaResolutionStatus)) &&
    isOptionalPrices(value.outcomePrices)
  );
}

function isTokenQuote(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return (
    isNonEmptyText(value.tokenId) &&
    typeof value.outcome === 'string' &&
    isNullableProbability(value.bestBid) &&
    isNullableProbability(value.bestAsk) &&
    isNullableProbability(value.mid) &&
    isNullableProbability(value.spread) &&
    isNonNegative(value.bidDepthUsd) &&
    isNonNegative(value.askDepthUsd) &&
    (value.bookTimestamp === null || isFiniteIn(value.bookTimestamp, -Infinity, Infinity))
  );
}
