import { randomUUID } from 'node:crypto';
import type { NewExecutionOutcome } from './execution-outcome.types';

/**
 * The one way an outcome is written: one row per intent, a retried execution updates it. Shared so
 * that a statement writing something else as well (a signed order) keeps exactly these rules.
 * Follow it with a row source of the ten columns (VALUES or SELECT), then ON_OUTCOME_CONFLICT.
 */
export const UPSERT_OUTCOME = 'INSERT INTO execution_outcomes (id, intent_id, mode, status, order_request, order_id, filled_size, avg_price, fees, error)';

export const ON_OUTCOME_CONFLICT = `ON CONFLICT (intent_id) DO UPDATE SET
         mode = EXCLUDED.mode, status = EXCLUDED.status, order_request = EXCLUDED.order_request,
         -- a later update (e.g. a fill) need not repeat the venue's order id
         order_id = COALESCE(EXCLUDED.order_id, execution_outcomes.order_id),
         filled_size = EXCLUDED.filled_size, avg_price = EXCLUDED.avg_price, fees = EXCLUDED.fees,
         error = EXCLUDED.error, updated_at = now()`;

/** The ten column values, in UPSERT_OUTCOME's order (order_request as JSON text, cast by the caller). */
export function outcomeValues(o: NewExecutionOutcome): unknown[] {
  return [
    randomUUID(), o.intentId, o.mode, o.status, JSON.stringify(o.orderRequest ?? null), o.orderId ?? null,
    o.filledSize ?? 0, o.avgPrice ?? null, o.fees ?? 0, o.error ?? null,
  ];
}
