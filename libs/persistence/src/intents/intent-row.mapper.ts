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

/** Every intent whose status is in the text array `statuses` (pass OPEN_INTENT_STATUSES for the open ones). */
export function intentsWithStatusInQuery(statuses: string): string {
  return `SELECT * FROM intents WHERE status = ANY(${statuses}::text[])`;
}

/** An `intents` row read back through json_agg: timestamps as ISO text. */
export type IntentJson = { readonly [K in keyof IntentRow]: IntentRow[K] extends Date ? string : IntentRow[K] extends Date | null ? string | null : IntentRow[K] };

export function intentRowOf(json: IntentJson): IntentRow {
  const at = (text: string | null): Date | null => (text === null ? null : new Date(text));
  return {
    ...json,
    created_at: new Date(json.created_at),
    expires_at: new Date(json.expires_at),
    decided_at: at(json.decided_at),
    executed_at: at(json.executed_at),
    updated_at: new Date(json.updated_at),
  };
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
