import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';
import type { ExecutionMode, ExecutionOutcome, NewExecutionOutcome } from './execution-outcome.types';
import { ON_OUTCOME_CONFLICT, outcomeValues, UPSERT_OUTCOME } from './upsert-outcome.sql';

interface ExecutionOutcomeRow {
  id: string;
  intent_id: string;
  mode: ExecutionMode;
  status: string;
  order_request: unknown;
  order_id: string | null;
  filled_size: number;
  avg_price: number | null;
  fees: number;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

function toOutcome(row: ExecutionOutcomeRow): ExecutionOutcome {
  return {
    id: row.id,
    intentId: row.intent_id,
    mode: row.mode,
    status: row.status,
    orderRequest: row.order_request,
    orderId: row.order_id,
    filledSize: row.filled_size,
    avgPrice: row.avg_price,
    fees: row.fees,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One outcome per intent: a retried execution updates it rather than adding a second. */
@Injectable()
export class ExecutionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordOutcome(o: NewExecutionOutcome): Promise<ExecutionOutcome> {
    const [row] = await queryRows<ExecutionOutcomeRow>(
      this.dataSource.manager,
      `${UPSERT_OUTCOME} VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10) ${ON_OUTCOME_CONFLICT} RETURNING *`,
      outcomeValues(o),
    );
    return toOutcome(row);
  }

  async findByIntent(intentId: string): Promise<ExecutionOutcome | null> {
    const [row] = await queryRows<ExecutionOutcomeRow>(
      this.dataSource.manager, 'SELECT * FROM execution_outcomes WHERE intent_id = $1', [intentId]);
    return row === undefined ? null : toOutcome(row);
  }

  async findByIntents(intentIds: readonly string[]): Promise<ExecutionOutcome[]> {
    if (intentIds.length === 0) return [];
    const rows = await queryRows<ExecutionOutcomeRow>(
      this.dataSource.manager, 'SELECT * FROM execution_outcomes WHERE intent_id = ANY($1::uuid[])', [intentIds]);
    return rows.map(toOutcome);
  }

  async recent(limit = 50): Promise<ExecutionOutcome[]> {
    const rows = await queryRows<ExecutionOutcomeRow>(
      this.dataSource.manager, 'SELECT * FROM execution_outcomes ORDER BY created_at DESC, id LIMIT $1',
      [Math.max(1, Math.min(limit, 1000))]);
    return rows.map(toOutcome);
  }

  /** Outcomes first recorded in [since, until), oldest first. */
  async createdBetween(since: Date, until: Date): Promise<ExecutionOutcome[]> {
    const rows = await queryRows<ExecutionOutcomeRow>(
      this.dataSource.manager,
      'SELECT * FROM execution_outcomes WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id',
      [since, until],
    );
    return rows.map(toOutcome);
  }

  /** Orders built for execution since `since` (dry-run ones included, failures excluded): the orders-per-hour limit counts these. */
  async countOrdersSince(since: Date): Promise<number> {
    const [row] = await queryRows<{ n: string }>(
      this.dataSource.manager,
      `SELECT count(*) AS n FROM execution_outcomes WHERE created_at >= $1 AND order_request IS NOT NULL AND order_request <> 'null'::jsonb AND error IS NULL`,
      [since],
    );
    return toNumber(row.n);
  }
}
