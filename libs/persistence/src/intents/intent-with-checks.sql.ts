import type { Intent } from '@polybot/domain';
import { toIntent, type IntentRow } from './intent-row.mapper';

/**
 * Joined to an intent row aliased `i`: its PROPOSAL checks as parallel arrays, so an intent and
 * its checks come back in one round trip. Arrays (not JSON) keep a limit of Infinity.
 */
export const PROPOSAL_CHECKS_JOIN = `LEFT JOIN LATERAL (
    SELECT array_agg(r.name ORDER BY r.id) AS pc_names, array_agg(r.passed ORDER BY r.id) AS pc_passed,
           array_agg(r.value ORDER BY r.id) AS pc_values, array_agg(r.limit_value ORDER BY r.id) AS pc_limits,
           array_agg(r.message ORDER BY r.id) AS pc_messages
      FROM risk_check_results r WHERE r.intent_id = i.id AND r.phase = 'PROPOSAL') pc ON true`;

export interface IntentWithChecksRow extends IntentRow {
  pc_names: string[] | null;
  pc_passed: boolean[] | null;
  pc_values: number[] | null;
  pc_limits: number[] | null;
  pc_messages: string[] | null;
}

export function toIntentWithChecks(row: IntentWithChecksRow): Intent {
  const checks = (row.pc_names ?? []).map((name, k) => ({
    name, passed: row.pc_passed![k], value: row.pc_values![k], limit: row.pc_limits![k], message: row.pc_messages![k],
  }));
  return toIntent(row, checks);
}
