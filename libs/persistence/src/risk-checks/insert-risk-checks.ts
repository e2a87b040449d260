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
 * The checks as five parallel arrays, and the FROM item that turns parameters $first..$first+4
 * back into rows `c(name, passed, value, limit_value, message, ord)`. Arrays rather than JSON so
 * that a limit of Infinity survives: float8 accepts 'Infinity', JSON has no such number.
 */
export function riskCheckArrays(checks: readonly RiskCheckResult[]): unknown[] {
  return [checks.map((c) => c.name), checks.map((c) => c.passed), checks.map((c) => c.value), checks.map((c) => c.limit), checks.map((c) => c.message)];
}

export function unnestRiskChecks(first: number): string {
  const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `unnest(${a}::text[], ${b}::boolean[], ${c}::float8[], ${d}::float8[], ${e}::text[])
            WITH ORDINALITY AS c(name, passed, value, limit_value, message, ord)`;
}

/** Inserts checks in one statement, in order (the bigserial id keeps it). */
export async function insertRiskChecks(manager: EntityManager, owner: RiskCheckOwner, checks: readonly RiskCheckResult[]): Promise<void> {
  if (checks.length === 0) return;
  await queryRows(
    manager,
    `INSERT INTO risk_check_results (intent_id, signal_id, phase, name, passed, value, limit_value, message, checked_at)
     SELECT $1, $2, $3, c.name, c.passed, c.value, c.limit_value, c.message, COALESCE($4, now())
       FROM ${unnestRiskChecks(5)}
      ORDER BY c.ord`,
    [owner.intentId ?? null, owner.signalId ?? null, owner.phase, owner.at ?? null, ...riskCheckArrays(checks)],
  );
}
