import type { RiskCheckResult } from '@polybot/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../sql/query-rows';
import type { RiskCheckPhase } from './risk-check-phase';

export interface RiskCheckOwner {
  readonly intentId?: string | null;
  readonly signalId?: string | null;
  readonly phase: RiskCheckPhase;
  readonly at?: Date;
}

/**
 * Inserts checks in one statement, in order (the bigserial id keeps it). Arrays rather than JSON
 * so that a limit of Infinity survives: float8 accepts 'Infinity', JSON has no such number.
 */
export async function insertRiskChecks(manager: EntityManager, owner: RiskCheckOwner, checks: readonly RiskCheckResult[]): Promise<void> {
  if (checks.length === 0) return;
  await queryRows(
    manager,
    `INSERT INTO risk_check_results (intent_id, signal_id, phase, name, passed, value, limit_value, message, checked_at)
     SELECT $1, $2, $3, c.name, c.passed, c.value, c.limit_value, c.message, COALESCE($4, now())
       FROM unnest($5::text[], $6::boolean[], $7::float8[], $8::float8[], $9::text[])
            WITH ORDINALITY AS c(name, passed, value, limit_value, message, ord)
      ORDER BY c.ord`,
    [
      owner.intentId ?? null, owner.signalId ?? null, owner.phase, owner.at ?? null, ...riskCheckColumns(checks),
    ],
  );
}

/** The checks as the five arrays (name, passed, value, limit, message) an unnest over them takes. */
export function riskCheckColumns(checks: readonly RiskCheckResult[]): [string[], boolean[], number[], number[], string[]] {
  return [checks.map((c) => c.name), checks.map((c) => c.passed), checks.map((c) => c.value), checks.map((c) => c.limit), checks.map((c) => c.message)];
}
