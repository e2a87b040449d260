import type { Side } from '../market/market.types';
import type { RiskCheckResult } from '../risk/risk-check.types';

export const INTENT_TYPES = ['OPEN_POSITION', 'CLOSE_POSITION', 'CLAIM_SETTLEMENT'] as const;
export type IntentType = (typeof INTENT_TYPES)[number];

export const INTENT_STATUSES = ['PENDING', 'APPROVED', 'EXECUTING', 'EXECUTED', 'FAILED', 'REJECTED', 'EXPIRED'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/** A proposed action that waits for a person. Field names are the domain's; JSON is snake_case. */
export interface Intent {
  readonly id: string;
  readonly type: IntentType;
  readonly status: IntentStatus;
  readonly marketId: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: Side;
  readonly price: number;
  readonly sizeUsd: number;
  readonly edge: number | null;
  readonly modelProb: number | null;
  readonly marketPrice: number | null;
  readonly confidence: number | null;
  readonly reason: string;
  readonly strategy: string | null;
  readonly riskChecks: readonly RiskCheckResult[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  readonly decidedBy: string | null;
  readonly statusReason: string | null;
  readonly executedAt: Date | null;
}
