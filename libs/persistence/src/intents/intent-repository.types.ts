import type { Intent, IntentStatus, RiskCheckResult } from '@polybot/domain';
import type { RiskCheckPhase } from '../risk-checks/risk-check-phase';

/**
 * What the proposer supplies. The clock belongs to the caller (createdAt, expiresAt); the id may be
 * chosen by the caller (e.g. to link it elsewhere first) or is generated here.
 */
export type NewIntent = Omit<
  Intent,
  'id' | 'status' | 'decidedAt' | 'decidedBy' | 'statusReason' | 'executedAt' | 'createdAt' | 'expiresAt' | 'riskChecks'
> & {
  readonly id?: string;
  /** Rarely set at proposal time; kept when given. */
  readonly statusReason?: string | null;
  readonly signalId?: string | null;
  readonly cycleId?: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
};

export type TransitionResult =
  | { readonly ok: true; readonly intent: Intent }
  | { readonly ok: false; readonly error: 'NOT_FOUND' }
  | { readonly ok: false; readonly error: 'WRONG_STATUS'; readonly current: IntentStatus; readonly intent: Intent };

export type ResolveIdResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly error: 'NOT_FOUND' | 'AMBIGUOUS' | 'TOO_SHORT' };

export interface ListIntentsOptions {
  readonly status?: IntentStatus;
  /** Every status, not only the open ones. Ignored when `status` is given. */
  readonly all?: boolean;
  /** 1..MAX_INTENT_LIST_LIMIT; 100 when absent. */
  readonly limit?: number;
}

/** One `listWithTotal` answer: `total` above `intents.length` means more intents match than were returned. */
export interface IntentPage {
  readonly intents: Intent[];
  readonly total: number;
}

export interface TransitionOptions {
  readonly now: Date;
  readonly actor: string;
  readonly reason?: string;
  /** Re-check results stored with the transition, and only if it happens (e.g. an approval's). */
  readonly checks?: { readonly phase: RiskCheckPhase; readonly results: readonly RiskCheckResult[] };
}

/** An intent as read where its checks are not needed (exposure sums read every open intent). */
export type IntentWithoutChecks = Omit<Intent, 'riskChecks'>;
