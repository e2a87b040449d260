import { z } from 'zod';
import type { MarketStreamEvent, StreamLevelChange } from '../stream/market-message.wire';
import { describeZodError, itemLabel, wireErrorMap } from '../wire/parse-result';
import { numberish } from './zod-primitives.reference';

/**
 * The zod schemas the hand-written field guards replaced on the hot wire paths, kept only so the
 * fuzz spec can check the guards accept and refuse exactly what these did, with the same words.
 * Returns the first refused field ("<field> <problem>"), or null when zod accepts.
 */

const epochMs = numberish.refine((value) => Number.isInteger(value) && value > 0, { message: 'is not epoch milliseconds' });
const side = z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(['BUY', 'SELL']));

const levelChangeSchema = z.object({
  asset_id: z.string().min(1),
  price: numberish.refine((price) => price > 0 && price < 1, { message: 'is not in (0,1)' }),
  size: numberish.refine((size) => size >= 0, { message: 'is negative' }),
  side,
  hash: z.string().nullish(),
});

const SCHEMAS = {
  envelope: z.object({ event_type: z.string().min(1) }),
  priceChange: z.object({ market: z.string().nullish(), timestamp: epochMs, price_changes: z.array(levelChangeSchema).min(1) }),
  legacyPriceChange: levelChangeSchema.extend({ market: z.string().nullish(), timestamp: epochMs }),
  tickSizeChange: z.object({
    asset_id: z.string().min(1),
    market: z.string().nullish(),
    new_tick_size: numberish.refine((tick) => tick > 0 && tick < 1, { message: 'is not in (0,1)' }),
    timestamp: epochMs,
  }),
  marketResolved: z.object({
    market: z.string().min(1),
    assets_ids: z.array(z.string().min(1)).min(1),
    winning_asset_id: z.string().min(1),
    winning_outcome: z.string().nullish(),
    timestamp: epochMs,
  }),
  clobBook: z.object({
    market: z.string().nullish(),
    asset_id: z.string().min(1),
    timestamp: numberish,
    hash: z.string().nullish(),
    bids: z.array(z.unknown()).nullish(),
    asks: z.array(z.unknown()).nullish(),
    tick_size: numberish.nullish(),
    min_order_size: numberish.nullish(),
    neg_risk: z.boolean().nullish(),
    last_trade_price: z.unknown(),
  }),
} as const;

export type ReferenceSchema = keyof typeof SCHEMAS;

export function zodRefusal(schema: ReferenceSchema, raw: unknown): string | null {
  const result = SCHEMAS[schema].safeParse(raw, { errorMap: wireErrorMap });
  return result.success ? null : describeZodError(result.error);
}

type Wire<K extends ReferenceSchema> = z.infer<(typeof SCHEMAS)[K]>;
type LevelWire = z.infer<typeof levelChangeSchema>;

function levelChange(wire: LevelWire): StreamLevelChange {
  return { assetId: wire.asset_id, side: wire.side, price: wire.price, size: wire.size, hash: wire.hash ?? null };
}

function eventOf(schema: ReferenceSchema, data: unknown): MarketStreamEvent {
  switch (schema) {
    case 'priceChange': {
      const wire = data as Wire<'priceChange'>;
      return { kind: 'price_change', conditionId: wire.market ?? '', timestamp: wire.timestamp, changes: wire.price_changes.map(levelChange) };
    }
    case 'legacyPriceChange': {
      const wire = data as Wire<'legacyPriceChange'>;
      return { kind: 'price_change', conditionId: wire.market ?? '', timestamp: wire.timestamp, changes: [levelChange(wire)] };
    }
    case 'tickSizeChange': {
      const wire = data as Wire<'tickSizeChange'>;
      return { kind: 'tick_size_change', assetId: wire.asset_id, conditionId: wire.market ?? '', newTickSize: wire.new_tick_size, timestamp: wire.timestamp };
    }
    default: {
      const wire = data as Wire<'marketResolved'>;
      const resolution = { conditionId: wire.market, assetIds: wire.assets_ids, winningAssetId: wire.winning_asset_id, winningOutcome: wire.winning_outcome ?? null, timestamp: wire.timestamp };
      return { kind: 'market_resolved', resolution };
    }
  }
}

const SCHEMA_OF_TYPE: Record<string, ReferenceSchema> = { book: 'clobBook', price_change: 'priceChange', tick_size_change: 'tickSizeChange', market_resolved: 'marketResolved' };

/**
 * What the zod parser made of one market channel event: its issue line, its event, or for a book
 * only that the schema accepted it (the book's own checks after the schema are shared code).
 */
export function zodParseEvent(raw: unknown, label: string): { issue: string } | { event: MarketStreamEvent } | { bookAccepted: true } {
  const head = zodRefusal('envelope', raw);
  if (head !== null) return { issue: `${label}: ${head}` };
  const type = (raw as { event_type: string }).event_type;
  const named = `${label} (${type})`;
  let schema = SCHEMA_OF_TYPE[type];
  if (!Object.hasOwn(SCHEMA_OF_TYPE, type) || !schema) return { event: { kind: 'other', eventType: type } };
  if (schema === 'priceChange' && !(typeof raw === 'object' && raw !== null && 'price_changes' in raw)) schema = 'legacyPriceChange';
  const result = SCHEMAS[schema].safeParse(raw, { errorMap: wireErrorMap });
  if (!result.success) {
    const field = describeZodError(result.error);
    return { issue: schema === 'clobBook' ? `${named}: ${itemLabel('clob book', raw)}: ${field}` : `${named}: ${field}` };
  }
  return schema === 'clobBook' ? { bookAccepted: true } : { event: eventOf(schema, result.data) };
}
