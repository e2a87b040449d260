import { z } from 'zod';
import type { OrderBook, Side } from '@polybot/domain';
import { parseClobBook } from '../wire/clob-book.wire';
import { describeZodError, isParseIssue, wireErrorMap } from '../wire/parse-result';
import { numberish } from '../wire/wire-primitives';

/** One level change of one token, as the market channel's `price_change` states it. */
export interface StreamLevelChange {
  readonly assetId: string;
  readonly side: Side;
  readonly price: number;
  /** New level total; 0 removes the level. */
  readonly size: number;
  readonly hash: string | null;
}

export interface StreamMarketResolution {
  readonly conditionId: string;
  readonly assetIds: readonly string[];
  readonly winningAssetId: string;
  readonly winningOutcome: string | null;
  readonly timestamp: number;
}

/** A validated market channel event. Events we do not act on keep only their type (for counting). */
export type MarketStreamEvent =
  | { readonly kind: 'book'; readonly book: OrderBook }
  | { readonly kind: 'price_change'; readonly conditionId: string; readonly timestamp: number; readonly changes: readonly StreamLevelChange[] }
  | { readonly kind: 'tick_size_change'; readonly assetId: string; readonly conditionId: string; readonly newTickSize: number; readonly timestamp: number }
  | { readonly kind: 'market_resolved'; readonly resolution: StreamMarketResolution }
  | { readonly kind: 'other'; readonly eventType: string };

export interface ParsedMarketFrame {
  readonly events: MarketStreamEvent[];
  /** One line per malformed event: what it was and what was wrong. The rest of the frame is kept. */
  readonly issues: string[];
  /**
   * Tokens named by a malformed event: their local books may have missed an update and need a fresh
   * snapshot.
   */
  readonly suspectAssetIds: string[];
  readonly pong: boolean;
}

const epochMs = numberish.refine((value) => Number.isInteger(value) && value > 0, { message: 'is not epoch milliseconds' });
const side = z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(['BUY', 'SELL']));

const levelChangeSchema = z.object({
  asset_id: z.string().min(1),
  price: numberish.refine((price) => price > 0 && price < 1, { message: 'is not in (0,1)' }),
  size: numberish.refine((size) => size >= 0, { message: 'is negative' }),
  side,
  hash: z.string().nullish(),
});

const priceChangeSchema = z.object({
  market: z.string().nullish(),
  timestamp: epochMs,
  price_changes: z.array(levelChangeSchema).min(1),
});

// The channel's first version sent one level per message, at the top level.
const legacyPriceChangeSchema = levelChangeSchema.extend({ market: z.string().nullish(), timestamp: epochMs });

const tickSizeChangeSchema = z.object({
  asset_id: z.string().min(1),
  market: z.string().nullish(),
  new_tick_size: numberish.refine((tick) => tick > 0 && tick < 1, { message: 'is not in (0,1)' }),
  timestamp: epochMs,
});

const marketResolvedSchema = z.object({
  market: z.string().min(1),
  assets_ids: z.array(z.string().min(1)).min(1),
  winning_asset_id: z.string().min(1),
  winning_outcome: z.string().nullish(),
  timestamp: epochMs,
});

const envelope = z.object({ event_type: z.string().min(1) });

function assetIdsNamedBy(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const record = raw as Record<string, unknown>;
  const ids: string[] = [];
  if (typeof record.asset_id === 'string') ids.push(record.asset_id);
  if (Array.isArray(record.price_changes)) {
    for (const change of record.price_changes) {
      if (typeof change === 'object' && change !== null && typeof (change as Record<string, unknown>).asset_id === 'string') {
        ids.push((change as Record<string, string>).asset_id);
      }
    }
  }
  return [...new Set(ids)];
}

type EventResult = { readonly event: MarketStreamEvent } | { readonly issue: string };

function levelChange(wire: z.infer<typeof levelChangeSchema>): StreamLevelChange {
  return { assetId: wire.asset_id, side: wire.side, price: wire.price, size: wire.size, hash: wire.hash ?? null };
}

function parseEvent(raw: unknown, label: string): EventResult {
  const head = envelope.safeParse(raw, { errorMap: wireErrorMap });
  if (!head.success) return { issue: `${label}: ${describeZodError(head.error)}` };
  const type = head.data.event_type;
  const named = `${label} (${type})`;
  const invalid = (error: z.ZodError): EventResult => ({ issue: `${named}: ${describeZodError(error)}` });
  switch (type) {
    case 'book': {
      const book = parseClobBook(raw);
      return isParseIssue(book) ? { issue: `${named}: ${book.issue}` } : { event: { kind: 'book', book: book.value } };
    }
    case 'price_change': {
      const hasList = typeof raw === 'object' && raw !== null && 'price_changes' in raw;
      if (!hasList) {
        const legacy = legacyPriceChangeSchema.safeParse(raw, { errorMap: wireErrorMap });
        if (!legacy.success) return invalid(legacy.error);
        return { event: { kind: 'price_change', conditionId: legacy.data.market ?? '', timestamp: legacy.data.timestamp, changes: [levelChange(legacy.data)] } };
      }
      const wire = priceChangeSchema.safeParse(raw, { errorMap: wireErrorMap });
      if (!wire.success) return invalid(wire.error);
      return { event: { kind: 'price_change', conditionId: wire.data.market ?? '', timestamp: wire.data.timestamp, changes: wire.data.price_changes.map(levelChange) } };
    }
    case 'tick_size_change': {
      const wire = tickSizeChangeSchema.safeParse(raw, { errorMap: wireErrorMap });
      if (!wire.success) return invalid(wire.error);
      const { asset_id: assetId, market, new_tick_size: newTickSize, timestamp } = wire.data;
      return { event: { kind: 'tick_size_change', assetId, conditionId: market ?? '', newTickSize, timestamp } };
    }
    case 'market_resolved': {
      const wire = marketResolvedSchema.safeParse(raw, { errorMap: wireErrorMap });
      if (!wire.success) return invalid(wire.error);
      const { market, assets_ids: assetIds, winning_asset_id: winningAssetId, winning_outcome: winningOutcome, timestamp } = wire.data;
      return { event: { kind: 'market_resolved', resolution: { conditionId: market, assetIds, winningAssetId, winningOutcome: winningOutcome ?? null, timestamp } } };
    }
    default:
      return { event: { kind: 'other', eventType: type } };
  }
}

const SHOWN_CHARS = 120;

function shown(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

/**
 * Parses one text frame of the market channel: `PONG`, one JSON event, or a JSON array of events
 * (the initial dump). Malformed events are reported in `issues` and skipped; the frame's other
 * events still count.
 */
export function parseMarketFrame(text: string): ParsedMarketFrame {
  const trimmed = text.trim();
  if (trimmed === 'PONG') return { events: [], issues: [], suspectAssetIds: [], pong: true };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch {
    return { events: [], issues: [`market channel frame is not JSON: ${JSON.stringify(shown(trimmed))}`], suspectAssetIds: [], pong: false };
  }
  const items = Array.isArray(raw) ? raw : [raw];
  const events: MarketStreamEvent[] = [];
  const issues: string[] = [];
  const suspect: string[] = [];
  items.forEach((item, index) => {
    const label = Array.isArray(raw) ? `market channel event #${index}` : 'market channel event';
    const result = parseEvent(item, label);
    if ('event' in result) {
      events.push(result.event);
    } else {
      issues.push(result.issue);
      suspect.push(...assetIdsNamedBy(item));
    }
  });
  return { events, issues, suspectAssetIds: [...new Set(suspect)], pong: false };
}
