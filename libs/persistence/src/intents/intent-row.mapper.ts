import type { Intent, IntentStatus, IntentType, RiskCheckResult, Side } from '@polybot/domain';
import type { IntentWithoutChecks } from './intent-repository.types';

/** An `intents` row as node-postgres returns it (float8 as number, timestamptz as Date). */
export interface IntentRow {
  id: string;
  type: IntentType;
  status: IntentStatus;
  market_id: string;
  condition_id: string;
  token_id: string;
  outcome: string;
  side: Side;
  price: number;
  size_usd: number;
  edge: number | null;
  model_prob: number | null;
  market_price: number | null;
  confidence: number | null;
  reason: string;
  strategy: string | null;
  signal_id: string | null;
  cycle_id: string | null;
  created_at: Date;
  expires_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  status_reason: string | null;
  executed_at: Date | null;
  updated_at: Date;
}

export interface RiskCheckRow {
  intent_id: string | null;
  name: string;
  passed: boolean;
  value: number;
  limit_value: number;
  message: string;
}

export function toRiskCheck(row: RiskCheckRow): RiskCheckResult {
  return { name: row.name, passed: row.passed, value: row.value, limit: row.limit_value, message: row.message };
}

export function toIntent(row: IntentRow, riskChecks: readonly RiskCheckResult[]): Intent {
  return { ...toIntentWithoutChecks(row), riskChecks };
}

export function toIntentWithoutChecks(row: IntentRow): IntentWithoutChecks {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    marketId: row.market_id,
    conditionId: row.condition_id,
    tokenId: row.token_id,
    outcome: row.outcome,
    side: row.side,
    price: row.price,
    sizeUsd: row.size_usd,
    edge: row.edge,
    modelProb: row.model_prob,
    marketPrice: row.market_price,
    confidence: row.confidence,
    reason: row.reason,
    strategy: row.strategy,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    statusReason: row.status_reason,
    executedAt: row.executed_at,
  };
}
