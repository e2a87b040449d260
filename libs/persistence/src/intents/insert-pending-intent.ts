import { randomUUID } from 'node:crypto';
import type { RiskCheckResult } from '@polybot/domain';
import type { EntityManager } from 'typeorm';
import { riskCheckArrays, unnestRiskChecks } from '../risk-checks/insert-risk-checks';
import { queryRows } from '../sql/query-rows';
import type { NewIntent } from './intent-repository.types';
import type { IntentRow } from './intent-row.mapper';

/**
 * The intent, its proposal checks and its audit row in one statement: one round trip on the
 * proposal's hot path instead of five (BEGIN, three INSERTs, COMMIT), and just as atomic. The
 * checks and the audit row hang off the intent CTE, so a duplicate (DO NOTHING) writes none of them.
 */
const INSERT_PENDING_SQL = `
  WITH intent AS (
    INSERT INTO intents (id, type, status, market_id, condition_id, token_id, outcome, side, price, size_usd,
                         edge, model_prob, market_price, confidence, reason, strategy, signal_id, cycle_id,
                         created_at, expires_at, updated_at, status_reason)
    VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $18, $20)
    ON CONFLICT (token_id, side) WHERE status IN ('PENDING', 'APPROVED', 'EXECUTING') DO NOTHING
    RETURNING *
  ), checks AS (
    INSERT INTO risk_check_results (intent_id, phase, name, passed, value, limit_value, message, checked_at)
    SELECT i.id, 'PROPOSAL', c.name, c.passed, c.value, c.limit_value, c.message, i.created_at
      FROM intent i, ${unnestRiskChecks(22)}
     ORDER BY c.ord
  ), audit AS (
    INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
    SELECT i.created_at, $21, 'IntentProposed', 'intent', i.id::text,
           jsonb_build_object('to', 'PENDING', 'tokenId', i.token_id, 'side', i.side, 'price', i.price, 'sizeUsd', i.size_usd)
      FROM intent i
  )
  SELECT * FROM intent`;

/** The stored row, or undefined when an open intent already holds this token and side. */
export async function insertPendingIntent(
  manager: EntityManager, input: NewIntent, checks: readonly RiskCheckResult[], actor: string,
): Promise<IntentRow | undefined> {
  const [row] = await queryRows<IntentRow>(manager, INSERT_PENDING_SQL, [
    input.id ?? randomUUID(), input.type, input.marketId, input.conditionId, input.tokenId, input.outcome,
    input.side, input.price, input.sizeUsd, input.edge, input.modelProb, input.marketPrice, input.confidence,
    input.reason, input.strategy, input.signalId ?? null, input.cycleId ?? null, input.createdAt, input.expiresAt,
    input.statusReason ?? null, actor, ...riskCheckArrays(checks),
  ]);
  return row;
}
