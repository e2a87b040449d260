import { Injectable } from '@nestjs/common';
import { intentJson, IntentService, type IntentJson } from '@polybot/intents';
import { scrubSecrets } from '@polybot/observability';
import { DataSource } from 'typeorm';

const RECENT = 10;

/**
 * `GET /metrics` as JSON. There is no table of ingest cycles: what the database does know is
 * named for what it is — signal batches grouped by the cycle id that raised them, how fresh the
 * market data is, and the account snapshots taken — next to the latest intents, executions and
 * kill switch events.
 */
export interface RecentActivity {
  signal_cycles: { cycle_id: string; signals: number; proposed: number; first_at: string; last_at: string }[];
  market_data: { known: number; updated_last_5m: number; newest_update: string | null };
  account_snapshots: { taken_at: string; mode: string; equity: number | null; cash: number | null }[];
  intents: IntentJson[];
  executions: { intent_id: string; mode: string; status: string; filled_size: number; avg_price: number | null; fees: number; error: string | null; created_at: string; updated_at: string }[];
  kill_switch_events: { name: string; action: string; value: number | null; threshold: number | null; reason: string | null; actor: string; at: string }[];
  generated_at: string;
}

const iso = (at: Date | string | null): string | null => (at === null ? null : new Date(at).toISOString());
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

@Injectable()
export class RecentActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly intents: IntentService,
  ) {}

  async recent(now = new Date()): Promise<RecentActivity> {
    const [cycles, markets, snapshots, intents, executions, events] = await Promise.all([
      this.rows(`SELECT cycle_id, count(*) AS signals, count(*) FILTER (WHERE decision = 'PROPOSED') AS proposed,
                        min(created_at) AS first_at, max(created_at) AS last_at
                   FROM signals GROUP BY cycle_id ORDER BY max(created_at) DESC LIMIT ${RECENT}`),
      this.rows(`SELECT count(*) AS known, count(*) FILTER (WHERE updated_at > now() - interval '5 minutes') AS recent,
                        max(updated_at) AS newest FROM markets`),
      this.rows(`SELECT taken_at, mode, equity, cash FROM account_state_snapshots ORDER BY taken_at DESC LIMIT ${RECENT}`),
      this.intents.list({ all: true, limit: RECENT }),
      this.rows(`SELECT intent_id, mode, status, filled_size, avg_price, fees, error, created_at, updated_at
                   FROM execution_outcomes ORDER BY created_at DESC LIMIT ${RECENT}`),
      this.rows(`SELECT name, action, value, threshold, reason, actor, at FROM kill_switch_events ORDER BY at DESC, id DESC LIMIT ${RECENT}`),
    ]);
    const market = markets[0] ?? {};
    return {
      signal_cycles: cycles.map((r) => ({
        cycle_id: String(r.cycle_id), signals: Number(r.signals), proposed: Number(r.proposed),
        first_at: iso(r.first_at as Date) ?? '', last_at: iso(r.last_at as Date) ?? '',
      })),
      market_data: { known: Number(market.known ?? 0), updated_last_5m: Number(market.recent ?? 0), newest_update: iso((market.newest ?? null) as Date | null) },
      account_snapshots: snapshots.map((r) => ({ taken_at: iso(r.taken_at as Date) ?? '', mode: String(r.mode), equity: num(r.equity), cash: num(r.cash) })),
      intents: intents.map((view) => intentJson(view.intent, view.execution)),
      executions: executions.map((r) => ({
        intent_id: String(r.intent_id), mode: String(r.mode), status: String(r.status), filled_size: Number(r.filled_size),
        avg_price: num(r.avg_price), fees: Number(r.fees), error: r.error === null ? null : scrubSecrets(String(r.error)),
        created_at: iso(r.created_at as Date) ?? '', updated_at: iso(r.updated_at as Date) ?? '',
      })),
      kill_switch_events: events.map((r) => ({
        name: String(r.name), action: String(r.action), value: num(r.value), threshold: num(r.threshold),
        reason: r.reason === null ? null : String(r.reason), actor: String(r.actor), at: iso(r.at as Date) ?? '',
      })),
      generated_at: now.toISOString(),
    };
  }

  private rows(sql: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(sql);
  }
}
