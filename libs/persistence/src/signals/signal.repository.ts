import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RiskCheckResult, Side } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { queryRows } from '../sql/query-rows';
import { SIGNAL_DECISIONS, type RecordedSignal, type SignalDecision, type SignalDecisionCounts, type SignalRecord } from './signal-record.types';

interface SignalRow {
  id: string;
  cycle_id: string;
  strategy: string;
  market_id: string;
  condition_id: string;
  token_id: string;
  outcome: string;
  side: Side;
  model_prob: number;
  market_price: number;
  edge: number;
  confidence: number;
  reason: string;
  decision: SignalDecision;
  intent_id: string | null;
  created_at: Date;
  checks: { name: string; passed: boolean; value: number | string; limit_value: number | string; message: string }[];
}

function column<T>(rows: readonly SignalRecord[], pick: (row: SignalRecord) => T): T[] {
  return rows.map(pick);
}

@Injectable()
export class SignalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every signal of a batch and every check of it (denied ones too) in one statement. */
  async recordMany(rows: readonly SignalRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id ?? randomUUID());
    const checks = rows.flatMap((row, i) => (row.checks ?? []).map((check) => ({ signalId: ids[i], check })));
    await queryRows(
      this.dataSource.manager,
      `WITH inserted AS (
         INSERT INTO signals (id, cycle_id, strategy, market_id, condition_id, token_id, outcome, side, model_prob,
                              market_price, edge, confidence, reason, decision, intent_id, created_at)
         SELECT s.id, s.cycle_id, s.strategy, s.market_id, s.condition_id, s.token_id, s.outcome, s.side, s.model_prob,
                s.market_price, s.edge, s.confidence, s.reason, s.decision, s.intent_id, COALESCE(s.at, now())
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::text[], $14::text[], $15::uuid[],
                       $16::timestamptz[])
                AS s(id, cycle_id, strategy, market_id, condition_id, token_id, outcome, side, model_prob,
                     market_price, edge, confidence, reason, decision, intent_id, at)
         RETURNING id
       )
       INSERT INTO risk_check_results (signal_id, phase, name, passed, value, limit_value, message)
       SELECT c.signal_id, 'PROPOSAL', c.name, c.passed, c.value, c.limit_value, c.message
         FROM unnest($17::uuid[], $18::text[], $19::boolean[], $20::float8[], $21::float8[], $22::text[])
              WITH ORDINALITY AS c(signal_id, name, passed, value, limit_value, message, ord)
        ORDER BY c.ord`,
      [
        ids, column(rows, (r) => r.cycleId), column(rows, (r) => r.signal.strategy), column(rows, (r) => r.signal.marketId),
        column(rows, (r) => r.signal.conditionId), column(rows, (r) => r.signal.tokenId), column(rows, (r) => r.signal.outcome),
        column(rows, (r) => r.signal.side), column(rows, (r) => r.signal.modelProb), column(rows, (r) => r.signal.marketPrice),
        column(rows, (r) => r.signal.edge), column(rows, (r) => r.signal.confidence), column(rows, (r) => r.signal.reason),
        column(rows, (r) => r.decision), column(rows, (r) => r.intentId ?? null), column(rows, (r) => r.at ?? null),
        checks.map((c) => c.signalId), checks.map((c) => c.check.name), checks.map((c) => c.check.passed),
        checks.map((c) => c.check.value), checks.map((c) => c.check.limit), checks.map((c) => c.check.message),
      ],
    );
  }

  /**
   * Signals since `since` by decision, and the failed checks of the denied ones (a denial that
   * failed two checks counts under both): why nothing, or little, was proposed.
   */
  async decisionsSince(since: Date): Promise<SignalDecisionCounts> {
    const [byDecision, byCheck] = await Promise.all([
      queryRows<{ decision: SignalDecision; n: number }>(
        this.dataSource.manager,
        'SELECT decision, count(*)::int AS n FROM signals WHERE created_at >= $1 GROUP BY decision',
        [since],
      ),
      queryRows<{ name: string; n: number }>(
        this.dataSource.manager,
        `SELECT r.name, count(*)::int AS n
           FROM signals s JOIN risk_check_results r ON r.signal_id = s.id AND r.phase = 'PROPOSAL' AND NOT r.passed
          WHERE s.created_at >= $1 AND s.decision = 'DENIED'
          GROUP BY r.name ORDER BY n DESC, r.name`,
        [since],
      ),
    ]);
    const decisions = Object.fromEntries(SIGNAL_DECISIONS.map((decision) => [decision, byDecision.find((row) => row.decision === decision)?.n ?? 0]));
    return { decisions: decisions as Record<SignalDecision, number>, deniedBy: byCheck.map((row) => ({ check: row.name, count: row.n })) };
  }

  /** Newest first, each with the checks that decided it. */
  async recent(limit = 50): Promise<RecordedSignal[]> {
    const rows = await queryRows<SignalRow>(
      this.dataSource.manager,
      `SELECT s.*, COALESCE((SELECT json_agg(json_build_object('name', r.name, 'passed', r.passed, 'value', r.value,
                                     'limit_value', r.limit_value, 'message', r.message) ORDER BY r.id)
                               FROM risk_check_results r WHERE r.signal_id = s.id), '[]') AS checks
         FROM signals s ORDER BY s.created_at DESC, s.id LIMIT $1`,
      [Math.max(1, Math.min(limit, 1000))],
    );
    return rows.map((row) => ({
      id: row.id,
      cycleId: row.cycle_id,
      strategy: row.strategy,
      marketId: row.market_id,
      conditionId: row.condition_id,
      tokenId: row.token_id,
      outcome: row.outcome,
      side: row.side,
      modelProb: row.model_prob,
      marketPrice: row.market_price,
      edge: row.edge,
      confidence: row.confidence,
      reason: row.reason,
      decision: row.decision,
      intentId: row.intent_id,
      createdAt: row.created_at,
      checks: row.checks.map((c): RiskCheckResult => ({ name: c.name, passed: c.passed, value: Number(c.value), limit: Number(c.limit_value), message: c.message })),
    }));
  }
}
