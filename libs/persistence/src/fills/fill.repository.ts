import { Injectable } from '@nestjs/common';
import type { Fill } from '@polybot/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';

export type FillMode = 'PAPER' | 'LIVE';

/** A fill with its log position (the id orders nothing: folds go by (at, id)). */
export interface StoredFill {
  readonly id: number;
  readonly fill: Fill;
}

/** Float sums of share fills leave dust; anything at or below this is flat. */
const HELD_SHARES_TOLERANCE = 1e-9;

interface FillRow {
  intent_id: string;
  kind: Fill['kind'];
  token_id: string;
  market_id: string;
  condition_id: string;
  outcome: string;
  category: string | null;
  side: Fill['side'];
  price: number;
  shares: number;
  fee_usd: number;
  at: Date;
}

function toFill(row: FillRow): Fill {
  return {
    intentId: row.intent_id, kind: row.kind, tokenId: row.token_id, marketId: row.market_id, conditionId: row.condition_id,
    outcome: row.outcome, category: row.category, side: row.side, price: row.price, shares: row.shares, feeUsd: row.fee_usd, at: row.at,
  };
}

/** The append-only fill log the ledger is folded from. */
@Injectable()
export class FillRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement for all of an execution's fills; pass the manager of a surrounding transaction to join it. */
  async recordMany(mode: FillMode, fills: readonly Fill[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (fills.length === 0) return;
    const column = <K extends keyof Fill>(key: K) => fills.map((fill) => fill[key]);
    await queryRows(
      manager,
      `INSERT INTO fills (intent_id, mode, kind, token_id, market_id, condition_id, outcome, category, side, price, shares, fee_usd, at)
       SELECT f.intent_id, $1, f.kind, f.token_id, f.market_id, f.condition_id, f.outcome, f.category, f.side, f.price, f.shares, f.fee_usd, f.at
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::float8[], $11::float8[], $12::float8[], $13::timestamptz[])
           AS f(intent_id, kind, token_id, market_id, condition_id, outcome, category, side, price, shares, fee_usd, at)`,
      [
        mode, column('intentId'), column('kind'), column('tokenId'), column('marketId'), column('conditionId'), column('outcome'),
        column('category'), column('side'), column('price'), column('shares'), column('feeUsd'), column('at'),
      ],
    );
  }

  /** Every fill of a mode, oldest first: what the ledger folds. */
  async all(mode: FillMode): Promise<Fill[]> {
    const rows = await queryRows<FillRow>(this.dataSource.manager, 'SELECT * FROM fills WHERE mode = $1 ORDER BY at, id', [mode]);
    return rows.map(toFill);
  }

  /**
   * Fills of a mode with an id above `afterId`, oldest first, and how many fills of the mode there
   * are in all, from one snapshot. A reader folding fills as they come can tell from the total when
   * a fill committed late under an id it already passed.
   */
  async after(mode: FillMode, afterId: number): Promise<{ readonly total: number; readonly fills: StoredFill[] }> {
    const rows = await queryRows<FillRow & { total: string; id: string | null }>(
      this.dataSource.manager,
      `WITH total AS (SELECT count(*) AS total FROM fills WHERE mode = $1)
       SELECT total.total, f.* FROM total LEFT JOIN fills f ON f.mode = $1 AND f.id > $2 ORDER BY f.at, f.id`,
      [mode, afterId],
    );
    const fills = rows.filter((row) => row.id !== null).map((row) => ({ id: toNumber(row.id), fill: toFill(row) }));
    return { total: toNumber(rows[0]?.total ?? null), fills };
  }

  async since(mode: FillMode, since: Date): Promise<Fill[]> {
    const rows = await queryRows<FillRow>(this.dataSource.manager, 'SELECT * FROM fills WHERE mode = $1 AND at >= $2 ORDER BY at, id', [mode, since]);
    return rows.map(toFill);
  }

  /**
   * Conditions where some token is still held (BUY adds shares, SELL and SETTLEMENT take them away),
   * so the ingestor keeps watching them after they close, until the claim settles them.
   */
  async heldConditionIds(mode: FillMode): Promise<string[]> {
    const rows = await queryRows<{ condition_id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT condition_id FROM (
         SELECT condition_id FROM fills WHERE mode = $1
          GROUP BY condition_id, token_id
         HAVING sum(CASE WHEN side = 'BUY' THEN shares ELSE -shares END) > $2
       ) held ORDER BY condition_id`,
      [mode, HELD_SHARES_TOLERANCE],
    );
    return rows.map((row) => row.condition_id);
  }

  async forIntent(intentId: string): Promise<Fill[]> {
    const rows = await queryRows<FillRow>(this.dataSource.manager, 'SELECT * FROM fills WHERE intent_id = $1 ORDER BY at, id', [intentId]);
    return rows.map(toFill);
  }
}
