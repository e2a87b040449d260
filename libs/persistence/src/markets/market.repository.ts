import { Injectable } from '@nestjs/common';
import type { MarketSnapshot } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { queryRows, toNumber } from '../sql/query-rows';

const CHUNK = 1000;

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
      // One JSON document per chunk, its columns read out by Postgres: sent as 13 arrays, every
      // snapshot was escaped again into an array literal, which took most of the ingestor's store time.
      await queryRows(
        this.dataSource.manager,
        `INSERT INTO markets (market_id, condition_id, question, slug, event_id, event_slug, neg_risk, end_date, category,
                              tags, active, closed, accepting_orders, last_snapshot, updated_at)
         SELECT s.doc ->> 'marketId', s.doc ->> 'conditionId', s.doc ->> 'question', s.doc ->> 'slug', s.doc ->> 'eventId',
                s.doc ->> 'eventSlug', (s.doc ->> 'negRisk')::boolean, d.end_date, s.doc ->> 'category', s.doc -> 'tags',
                (s.doc ->> 'active')::boolean, (s.doc ->> 'closed')::boolean, (s.doc ->> 'acceptingOrders')::boolean, s.doc, now()
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS s(doc, i)
           JOIN unnest($2::timestamptz[]) WITH ORDINALITY AS d(end_date, i) USING (i)
         ON CONFLICT (market_id) DO UPDATE SET
           condition_id = EXCLUDED.condition_id, question = EXCLUDED.question, slug = EXCLUDED.slug,
           event_id = EXCLUDED.event_id, event_slug = EXCLUDED.event_slug, neg_risk = EXCLUDED.neg_risk,
           end_date = EXCLUDED.end_date, category = EXCLUDED.category, tags = EXCLUDED.tags, active = EXCLUDED.active,
           closed = EXCLUDED.closed, accepting_orders = EXCLUDED.accepting_orders,
           last_snapshot = EXCLUDED.last_snapshot, updated_at = EXCLUDED.updated_at`,
        [JSON.stringify(chunk), chunk.map(endDateOf)],
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
