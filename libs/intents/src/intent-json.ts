import type { Intent, RiskCheckResult } from '@polybot/domain';
import type { ExecutionOutcome } from '@polybot/persistence';

/** The one JSON shape of an intent, for the API and `--json-output` alike (snake_case). */
export interface IntentJson {
  id: string;
  type: string;
  status: string;
  market_id: string;
  condition_id: string;
  token_id: string;
  outcome: string;
  side: string;
  price: number;
  size_usd: number;
  edge: number | null;
  model_prob: number | null;
  market_price: number | null;
  confidence: number | null;
  reason: string;
  strategy: string | null;
  risk_checks: { name: string; passed: boolean; value: number; limit: number; message: string }[];
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  status_reason: string | null;
  executed_at: string | null;
  execution: ExecutionJson | null;
}

export interface ExecutionJson {
  mode: string;
  status: string;
  order: unknown;
  order_id: string | null;
  filled_size: number;
  avg_price: number | null;
  fees: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Probabilities and edges are computed in floating point; six decimals is finer than any tick and hides float noise. */
const round6 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(6)));

function riskCheckJson(check: RiskCheckResult): IntentJson['risk_checks'][number] {
  return { name: check.name, passed: check.passed, value: check.value, limit: check.limit, message: check.message };
}

export function executionJson(outcome: ExecutionOutcome): ExecutionJson {
  return {
    mode: outcome.mode,
    status: outcome.status,
    order: outcome.orderRequest,
    order_id: outcome.orderId,
    filled_size: outcome.filledSize,
    avg_price: outcome.avgPrice,
    fees: outcome.fees,
    error: outcome.error,
    created_at: outcome.createdAt.toISOString(),
    updated_at: outcome.updatedAt.toISOString(),
  };
}

export function intentJson(intent: Intent, execution: ExecutionOutcome | null = null): IntentJson {
  return {
    id: intent.id,
    type: intent.type,
    status: intent.status,
    market_id: intent.marketId,
    condition_id: intent.conditionId,
    token_id: intent.tokenId,
    outcome: intent.outcome,
    side: intent.side,
    price: intent.price,
    size_usd: intent.sizeUsd,
    edge: round6(intent.edge),
    model_prob: round6(intent.modelProb),
    market_price: round6(intent.marketPrice),
    confidence: round6(intent.confidence),
    reason: intent.reason,
    strategy: intent.strategy,
    risk_checks: intent.riskChecks.map(riskCheckJson),
    created_at: intent.createdAt.toISOString(),
    expires_at: intent.expiresAt.toISOString(),
    decided_at: iso(intent.decidedAt),
    decided_by: intent.decidedBy,
    status_reason: intent.statusReason,
    executed_at: iso(intent.executedAt),
    execution: execution ? executionJson(execution) : null,
  };
}
