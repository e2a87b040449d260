import { Injectable } from '@nestjs/common';
import type { MarketSnapshot } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';

const CHUNK = 500;

function endDateOf(snapshot: MarketSnapshot): string | null {
  // A malformed date must not sink the whole batch; the raw value stays in last_snapshot.
  return snapshot.endDate !== null && Number.isFinite(Date.parse(snapshot.endDate)) ? snapshot.endDate : null;
}

/** Latest known state of each market, one row per market. */
@Injectable()
export class MarketRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertMany(snapshots: readonly MarketSnapshot[]): Promise<void> {
    // ON CONFLICT cannot touch one row twice in a statement: keep the last snapshot per market.
    const latest = [...new Map(snapshots.map((s) => [s.marketId, s])).values()];
    for (let start = 0; start < latest.length; start += CHUNK) {
      const chunk = latest.slice(start, start + CHUNK);
      await queryRows(
        this.dataSource.manager,
        `INSERT INTO markets (market_id, condition_id, question, slug, event_id, event_slug, neg_risk, end_date, category,
                              tags, active, closed, accepting_orders, last_snapshot, updated_at)
         SELECT m.market_id, m.condition_id, m.question, m.slug, m.event_id, m.event_slug, m.neg_risk, m.end_date,
                m.category, m.snapshot -> 'tags', m.active, m.closed, m.accepting_orders, m.snapshot, now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[],
                       $8::timestamptz[], $9::text[], $10::boolean[], $11::boolean[], $12::boolean[], $13::jsonb[])
                AS m(market_id, condition_id, question, slug, event_id, event_slug, neg_risk, end_date, category,
                     active, closed, accepting_orders, snapshot)
         ON CONFLICT (market_id) DO UPDATE SET
           condition_id = EXCLUDED.condition_id, question = EXCLUDED.question, slug = EXCLUDED.slug,
           event_id = EXCLUDED.event_id, event_slug = EXCLUDED.event_slug, neg_risk = EXCLUDED.neg_risk,
           end_date = EXCLUDED.end_date, category = EXCLUDED.category, tags = EXCLUDED.tags, active = EXCLUDED.active,
           closed = EXCLUDED.closed, accepting_orders = EXCLUDED.accepting_orders,
           last_snapshot = EXCLUDED.last_snapshot, updated_at = EXCLUDED.updated_at`,
        [
          chunk.map((s) => s.marketId), chunk.map((s) => s.conditionId), chunk.map((s) => s.question),
          chunk.map((s) => s.slug), chunk.map((s) => s.eventId), chunk.map((s) => s.eventSlug),
          chunk.map((s) => s.negRisk), chunk.map(endDateOf), chunk.map((s) => s.category),
          chunk.map((s) => s.active), chunk.map((s) => s.closed), chunk.map((s) => s.acceptingOrders),
          chunk.map((s) => JSON.stringify(s)),
        ],
      );
    }
  }

  async count(): Promise<number> {
    const [row] = await queryRows<{ n: string }>(this.dataSource.manager, 'SELECT count(*) AS n FROM markets');
    return toNumber(row.n);
  }

  async findById(marketId: string): Promise<MarketSnapshot | null> {
    const [row] = await queryRows<{ last_snapshot: MarketSnapshot }>(
      this.dataSource.manager, 'SELECT last_snapshot FROM markets WHERE market_id = $1', [marketId]);
    return row === undefined ? null : row.last_snapshot;
  }

  /** When the newest market data was stored: how stale the system's view of the venue is. */
  async newestUpdate(): Promise<Date | null> {
    const [row] = await queryRows<{ at: Date | null }>(this.dataSource.manager, 'SELECT max(updated_at) AS at FROM markets');
    return row.at;
  }

  /** The stored snapshots of several markets in one round trip; unknown ids are simply absent. */
  async findByIds(marketIds: readonly string[]): Promise<Map<string, MarketSnapshot>> {
    if (marketIds.length === 0) return new Map();
    const rows = await queryRows<{ market_id: string; last_snapshot: MarketSnapshot }>(
      this.dataSource.manager, 'SELECT market_id, last_snapshot FROM markets WHERE market_id = ANY($1)', [[...new Set(marketIds)]]);
    return new Map(rows.map((row) => [row.market_id, row.last_snapshot]));
  }

  /** The stored snapshot of every market not closed, by market id: what the tradable universe is judged from. */
  async listOpen(): Promise<MarketSnapshot[]> {
    const rows = await queryRows<{ last_snapshot: MarketSnapshot }>(
      this.dataSource.manager, 'SELECT last_snapshot FROM markets WHERE NOT closed ORDER BY market_id');
    return rows.map((row) => row.last_snapshot);
  }
}
