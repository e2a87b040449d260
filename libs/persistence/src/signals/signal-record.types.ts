import type { RiskCheckResult, Signal } from '@polybot/domain';

export const SIGNAL_DECISIONS = ['PROPOSED', 'DENIED', 'DUPLICATE'] as const;
/** What risk did with a signal: made an intent of it, denied it, or found an open intent already. */
export type SignalDecision = (typeof SIGNAL_DECISIONS)[number];

export interface SignalRecord {
  readonly signal: Signal;
  readonly cycleId: string;
  readonly decision: SignalDecision;
  readonly intentId?: string;
  readonly checks?: readonly RiskCheckResult[];
  /** Chosen by the caller when it must link the signal elsewhere first; generated otherwise. */
  readonly id?: string;
  readonly at?: Date;
}

export interface RecordedSignal extends Signal {
  readonly id: string;
  readonly cycleId: string;
  readonly decision: SignalDecision;
  readonly intentId: string | null;
  readonly createdAt: Date;
  readonly checks: readonly RiskCheckResult[];
}

/** What risk decided on the signals of a window, and which checks the denials failed, most first. */
export interface SignalDecisionCounts {
  readonly decisions: Readonly<Record<SignalDecision, number>>;
  readonly deniedBy: readonly { readonly check: string; readonly count: number }[];
}
