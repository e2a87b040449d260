import { statusesAllowing, targetStatus, type IntentCommand } from '@polybot/domain';
import { riskCheckArrays, unnestRiskChecks } from '../risk-checks/insert-risk-checks';
import { INTENT_EVENTS } from './intent-audit';
import type { TransitionOptions } from './intent-repository.types';
import { PROPOSAL_CHECKS_JOIN } from './intent-with-checks.sql';

const DECISIONS: readonly IntentCommand[] = ['Approve', 'Reject', 'Expire'];

/**
 * One statement for a status change: the conditional UPDATE, its audit row and any re-check rows
 * (data-modifying CTEs commit together or not at all, and write nothing when the UPDATE matched
 * no row), returning the intent with its proposal checks. One round trip instead of five.
 */
export function transitionStatement(id: string, command: IntentCommand, opts: TransitionOptions): { sql: string; params: unknown[] } {
  const to = targetStatus(command);
  const from = statusesAllowing(command);
  const details = { from: from.length === 1 ? from[0] : from, to, reason: opts.reason ?? null };
  const params: unknown[] = [id, from, to, opts.now, opts.actor, INTENT_EVENTS[command], JSON.stringify(details)];
  const sets = ['status = $3', 'updated_at = $4'];
  if (DECISIONS.includes(command)) {
    params.push(opts.reason ?? null);
    sets.push('decided_at = $4', 'decided_by = $5', `status_reason = $${params.length}`);
  } else if (opts.reason !== undefined) {
    params.push(opts.reason);
    sets.push(`status_reason = $${params.length}`);
  }
  if (command === 'CompleteExecution') sets.push('executed_at = $4');
  // An intent may be approved only while it is still live; the clock is the caller's.
  const unexpired = command === 'Approve' ? ' AND expires_at > $4' : '';
  let checked = '';
  if (opts.checks && opts.checks.results.length > 0) {
    params.push(opts.checks.phase);
    const phase = params.length;
    params.push(...riskCheckArrays(opts.checks.results));
    checked = `, checked AS (
      INSERT INTO risk_check_results (intent_id, signal_id, phase, name, passed, value, limit_value, message, checked_at)
      SELECT moved.id, NULL, $${phase}, c.name, c.passed, c.value, c.limit_value, c.message, $4
        FROM moved, ${unnestRiskChecks(phase + 1)}
       ORDER BY c.ord)`;
  }
  const sql = `WITH moved AS (
      UPDATE intents SET ${sets.join(', ')} WHERE id = $1 AND status = ANY($2::text[])${unexpired} RETURNING *
    ), audited AS (
      INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
      SELECT $4, $5, $6, 'intent', moved.id::text, $7::jsonb FROM moved
    )${checked}
    SELECT i.*, pc.* FROM moved i ${PROPOSAL_CHECKS_JOIN}`;
  return { sql, params };
}
