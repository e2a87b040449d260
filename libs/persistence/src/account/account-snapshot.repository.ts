import { Injectable } from '@nestjs/common';
import type { EquityPoint, VenueFunds } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';
import type { AccountSnapshot, NewAccountSnapshot } from './account-snapshot.types';

interface AccountSnapshotRow {
  id: string;
  taken_at: Date;
  mode: string;
  bankroll: number | null;
  cash: number | null;
  equity: number | null;
  positions: unknown;
  open_orders: unknown;
  balances: unknown;
  unavailable: string[];
}

/** Equity in mode $2 at the last snapshot taken at or before $1. */
const EQUITY_AS_OF = 'SELECT equity FROM account_state_snapshots WHERE mode = $2 AND equity IS NOT NULL AND taken_at <= $1 ORDER BY taken_at DESC, id DESC LIMIT 1';

function toSnapshot(row: AccountSnapshotRow): AccountSnapshot {
  return {
    id: toNumber(row.id), takenAt: row.taken_at, mode: row.mode, bankroll: row.bankroll, cash: row.cash, equity: row.equity,
    positions: row.positions, openOrders: row.open_orders, balances: row.balances, unavailable: row.unavailable,
  };
}

@Injectable()
export class AccountSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(s: NewAccountSnapshot): Promise<AccountSnapshot> {
    const [row] = await queryRows<AccountSnapshotRow>(
      this.dataSource.manager,
      `INSERT INTO account_state_snapshots (taken_at, mode, bankroll, cash, equity, positions, open_orders, balances, unavailable)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb) RETURNING *`,
      [
        s.takenAt, s.mode, s.bankroll, s.cash, s.equity, JSON.stringify(s.positions ?? []), JSON.stringify(s.openOrders ?? []),
        JSON.stringify(s.balances ?? {}), JSON.stringify(s.unavailable),
      ],
    );
    return toSnapshot(row);
  }

  async latest(): Promise<AccountSnapshot | null> {
    const [row] = await queryRows<AccountSnapshotRow>(
      this.dataSource.manager, 'SELECT * FROM account_state_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1');
    return row === undefined ? null : toSnapshot(row);
  }

  /**
   * The mode and time of the latest snapshot, without its positions and orders: what the CLI and
   * the API read to learn the running services' mode (the risk service records one per cycle).
   */
  async latestMode(): Promise<{ mode: string; takenAt: Date } | null> {
    const [row] = await queryRows<{ mode: string; taken_at: Date }>(
      this.dataSource.manager, 'SELECT mode, taken_at FROM account_state_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1');
    return row === undefined ? null : { mode: row.mode, takenAt: row.taken_at };
  }

  /** The equity curve (oldest first), from `since` on; DRAWDOWN and DAILY_LOSS read it. */
  async equityCurve(since: Date | null = null): Promise<EquityPoint[]> {
    const rows = await queryRows<{ taken_at: Date; equity: number }>(
      this.dataSource.manager,
      `SELECT taken_at, equity FROM account_state_snapshots
        WHERE equity IS NOT NULL AND ($1::timestamptz IS NULL OR taken_at >= $1)
        ORDER BY taken_at, id`,
      [since],
    );
    return rows.map((row) => ({ at: row.taken_at, equity: row.equity }));
  }

  /**
   * What a portfolio view reads of the history, in one statement: the equity in `mode` at the last
   * snapshot at or before `dayAgo`, and, with `fundsSince`, the account's funds at the venue from
   * the newest live snapshot since then that read its collateral (the positions' value counts only
   * when they were read too, a lower figure being the safe side; one without a current value counts
   * nothing). Null where there is none; an older funds reading vouches for nothing.
   */
  async portfolioHistory(dayAgo: Date, mode: string, fundsSince: Date | null): Promise<{ equityThen: number | null; funds: VenueFunds | null }> {
    const [row] = await queryRows<{ equity_then: number | null; taken_at: Date | null; collateral: number | null; positions_value: number | null }>(
      this.dataSource.manager,
      `SELECT (${EQUITY_AS_OF}) AS equity_then, f.taken_at, f.collateral, f.positions_value
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (
           SELECT taken_at, (balances -> 'collateral' ->> 'balance')::float8 AS collateral,
                  CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(unavailable) AS u(reason) WHERE u.reason LIKE 'positions%') THEN NULL
                       ELSE (SELECT sum((p ->> 'currentValue')::float8) FROM jsonb_array_elements(positions) AS p WHERE jsonb_typeof(p -> 'currentValue') = 'number') END AS positions_value
             FROM account_state_snapshots
            WHERE mode = 'live' AND taken_at >= $3 AND jsonb_typeof(balances -> 'collateral' -> 'balance') = 'number'
            ORDER BY taken_at DESC, id DESC LIMIT 1
         ) AS f ON true`,
      [dayAgo, mode, fundsSince],
    );
    const funds = row.taken_at === null || row.collateral === null ? null : { at: row.taken_at, collateralUsd: row.collateral, positionsValueUsd: row.positions_value ?? 0 };
    return { equityThen: row.equity_then, funds };
  }

  /*
   * The equity history below is read per mode (`paper` or `live`): each mode has its own ledger,
   * so a paper peak must not count as the live account's, nor the other way round.
   */

  /** The highest equity ever recorded in `mode`, or null before its first snapshot. */
  async peakEquity(mode: string): Promise<number | null> {
    const [row] = await queryRows<{ peak: number | null }>(this.dataSource.manager, 'SELECT max(equity) AS peak FROM account_state_snapshots WHERE mode = $1', [mode]);
    return row.peak;
  }

  /** The newest equity point in `mode`; null before its first. */
  async latestEquity(mode: string): Promise<EquityPoint | null> {
    const [row] = await queryRows<{ taken_at: Date; equity: number }>(
      this.dataSource.manager,
      'SELECT taken_at, equity FROM account_state_snapshots WHERE mode = $1 AND equity IS NOT NULL ORDER BY taken_at DESC, id DESC LIMIT 1',
      [mode],
    );
    return row === undefined ? null : { at: row.taken_at, equity: row.equity };
  }

  /** Equity in `mode` at the last snapshot taken at or before `at`; null when there is no history that old. */
  async equityAsOf(at: Date, mode: string): Promise<number | null> {
    const [row] = await queryRows<{ equity: number }>(this.dataSource.manager, EQUITY_AS_OF, [at, mode]);
    return row === undefined ? null : row.equity;
  }

  /** The first equity point in `mode` at or after `since`, with its time; null when there is none. */
  async firstEquitySince(since: Date, mode: string): Promise<EquityPoint | null> {
    const [row] = await queryRows<{ taken_at: Date; equity: number }>(
      this.dataSource.manager,
      'SELECT taken_at, equity FROM account_state_snapshots WHERE mode = $2 AND equity IS NOT NULL AND taken_at >= $1 ORDER BY taken_at, id LIMIT 1',
      [since, mode],
    );
    return row === undefined ? null : { at: row.taken_at, equity: row.equity };
  }
}
