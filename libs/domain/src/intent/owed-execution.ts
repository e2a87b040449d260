import type { Intent, IntentStatus } from './intent.types';

/** Statuses of an intent a person approved whose execution has not ended: each is owed a job. */
export const OWED_EXECUTION_STATUSES = ['APPROVED', 'EXECUTING'] as const satisfies readonly IntentStatus[];
export type OwedExecutionStatus = (typeof OWED_EXECUTION_STATUSES)[number];

/**
 * How long an intent still owed its execution has been past when it should have finished, in
 * seconds (0 while it is not). An APPROVED one is due from its approval: an executor takes it in
 * milliseconds, so minutes mean no executor is taking jobs. An EXECUTING one is due at its expiry:
 * a live order is followed at most until then and its remainder cancelled, so an execution still
 * open past it is one that could not be settled (an order may be at the venue unaccounted for).
 */
export function executionOverdueSeconds(intent: Pick<Intent, 'status' | 'decidedAt' | 'createdAt' | 'expiresAt'>, now: Date): number {
  const due = intent.status === 'EXECUTING' ? intent.expiresAt : (intent.decidedAt ?? intent.createdAt);
  return Math.max(0, (now.getTime() - due.getTime()) / 1000);
}
