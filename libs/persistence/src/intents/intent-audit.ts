import type { IntentCommand } from '@polybot/domain';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../sql/query-rows';

/** Audit actions are past-tense events. */
export const INTENT_EVENTS: Readonly<Record<IntentCommand, string>> = {
  Approve: 'IntentApproved',
  Reject: 'IntentRejected',
  Expire: 'IntentExpired',
  StartExecution: 'IntentExecutionStarted',
  CompleteExecution: 'IntentExecuted',
  FailExecution: 'IntentFailed',
};

export interface IntentAuditEntry {
  readonly intentId: string;
  readonly details: Record<string, unknown>;
}

/** Writes one audit row per intent in one statement, inside the caller's transaction. */
export async function auditIntents(
  manager: EntityManager,
  action: string,
  actor: string,
  at: Date,
  entries: readonly IntentAuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await queryRows(
    manager,
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
     SELECT $1, $2, $3, 'intent', e.entity_id, e.details
       FROM unnest($4::text[], $5::jsonb[]) AS e(entity_id, details)`,
    [at, actor, action, entries.map((e) => e.intentId), entries.map((e) => JSON.stringify(e.details))],
  );
}

