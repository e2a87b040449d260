import type { OrderBook, Side } from '@polybot/domain';
import { parseClobBook } from '../wire/clob-book.wire';
import { checkedNumber, list, nonEmptyText, nonEmptyTexts, optionalText, upperCaseChoice, WireFieldError, wireRecord, type WireRecord } from '../wire/field-guards';
import { isParseIssue } from '../wire/parse-result';

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

const SIDES = ['BUY', 'SELL'] as const;

function epochMs(record: WireRecord, key: string): number {
  return checkedNumber(record, key, (value) => Number.isInteger(value) && value > 0, 'is not epoch milliseconds');
}

/** Field order matters: the first wrong field (in the order the venue documents them) is the one named. */
function levelChange(record: WireRecord, prefix = ''): StreamLevelChange {
  const assetId = nonEmptyText(record, 'asset_id', prefix);
  const price = checkedNumber(record, 'price', (value) => value > 0 && value < 1, 'is not in (0,1)', prefix);
  const size = checkedNumber(record, 'size', (value) => value >= 0, 'is negative', prefix);
  const side = upperCaseChoice(record, 'side', SIDES, prefix);
  const hash = optionalText(record, 'hash', prefix);
  return { assetId, side, price, size, hash: hash ?? null };
}

function priceChange(record: WireRecord): MarketStreamEvent {
  // The channel's first version sent one level per message, at the top level.
  if (!('price_changes' in record)) {
    const change = levelChange(record);
    const market = optionalText(record, 'market');
    return { kind: 'price_change', conditionId: market ?? '', timestamp: epochMs(record, 'timestamp'), changes: [change] };
  }
  const market = optionalText(record, 'market');
  const timestamp = epochMs(record, 'timestamp');
  const changes = list(record, 'price_changes', 1).map((item, index) => {
    const prefix = `price_changes.${index}`;
    return levelChange(wireRecord(item, prefix), prefix);
  });
  return { kind: 'price_change', conditionId: market ?? '', timestamp, changes };
}

function tickSizeChange(record: WireRecord): MarketStreamEvent {
  const assetId = nonEmptyText(record, 'asset_id');
  const market = optionalText(record, 'market');
  const newTickSize = checkedNumber(record, 'new_tick_size', (tick) => tick > 0 && tick < 1, 'is not in (0,1)');
  return { kind: 'tick_size_change', assetId, conditionId: market ?? '', newTickSize, timestamp: epochMs(record, 'timestamp') };
}

function marketResolved(record: WireRecord): MarketStreamEvent {
  const conditionId = nonEmptyText(record, 'market');
  const assetIds = nonEmptyTexts(record, 'assets_ids', 1);
  const winningAssetId = nonEmptyText(record, 'winning_asset_id');
  const winningOutcome = optionalText(record, 'winning_outcome');
  const timestamp = epochMs(record, 'timestamp');
  return { kind: 'market_resolved', resolution: { conditionId, assetIds, winningAssetId, winningOutcome: winningOutcome ?? null, timestamp } };
}

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

function typedEvent(record: WireRecord, type: string, named: string): EventResult {
  switch (type) {
    case 'book': {
      const book = parseClobBook(record);
      return isParseIssue(book) ? { issue: `${named}: ${book.issue}` } : { event: { kind: 'book', book: book.value } };
    }
    case 'price_change':
      return { event: priceChange(record) };
    case 'tick_size_change':
      return { event: tickSizeChange(record) };
    case 'market_resolved':
      return { event: marketResolved(record) };
    default:
      return { event: { kind: 'other', eventType: type } };
  }
}

function parseEvent(raw: unknown, label: string): EventResult {
  let named = label;
  try {
    const record = wireRecord(raw);
    const type = nonEmptyText(record, 'event_type');
    named = `${label} (${type})`;
    return typedEvent(record, type, named);
  } catch (error) {
    if (error instanceof WireFieldError) return { issue: `${named}: ${error.message}` };
    throw error;
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
