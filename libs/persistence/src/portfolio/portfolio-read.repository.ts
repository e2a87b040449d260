import { Injectable } from '@nestjs/common';
import { OPEN_INTENT_STATUSES, type MarketSnapshot } from '@polybot/domain';
import { DataSource } from 'typeorm';
import { equityAsOfQuery } from '../account/account-snapshot.repository';
import { countOrdersSinceQuery } from '../executions/execution.repository';
import { fillsAfterColumns, toFillsAfter, type FillMode, type FillsAfter, type FillsAfterRow } from '../fills/fill.repository';
import { intentRowOf, intentsWithStatusInQuery, toIntentWithoutChecks, type IntentJson } from '../intents/intent-row.mapper';
import type { IntentWithoutChecks } from '../intents/intent-repository.types';
import { queryRows, toNumber } from '../sql/query-rows';

export interface PortfolioReadQuery {
  readonly fillMode: FillMode;
  /** Fills with a larger id are read (0: all of them). */
  readonly afterFillId: number;
  /** Markets read besides those of the open intents (the positions' markets). */
  readonly marketIds: readonly string[];
  readonly ordersSince: Date;
  readonly equityAt: Date;
}

/** Everything a portfolio view reads, as of one moment. */
export interface PortfolioRead {
  readonly openIntents: IntentWithoutChecks[];
  readonly fills: FillsAfter;
  readonly ordersSince: number;
  readonly equityAt: number | null;
  /** The requested markets and those of the open intents; unknown ids are absent. */
  readonly markets: Map<string, MarketSnapshot>;
}

interface PortfolioReadRow extends FillsAfterRow {
  readonly open_intents: readonly IntentJson[];
  readonly orders_since: string;
  readonly equity_at: number | null;
  readonly markets: Readonly<Record<string, MarketSnapshot>>;
}

/**
 * The open intents, the fill log past a position, the order count, the equity a day ago and the
 * markets, in one statement: one round trip on the approval's and the execution's path, and one
 * snapshot, so an intent that executes meanwhile is seen either open or in the fills (or, between
 * its fills and its EXECUTED, both: counted twice, never missed). Each part is the same query its
 * repository runs on its own.
 */
@Injectable()
export class PortfolioReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(query: PortfolioReadQuery): Promise<PortfolioRead> {
    const [row] = await queryRows<PortfolioReadRow>(
      this.dataSource.manager,
      `WITH open_intents AS (${intentsWithStatusInQuery('$1')})
       SELECT (SELECT coalesce(json_agg(i ORDER BY i.created_at, i.id), '[]') FROM open_intents i) AS open_intents,
              ${fillsAfterColumns('$2', '$3')},
              (${countOrdersSinceQuery('$4')}) AS orders_since,
              (${equityAsOfQuery('$5')}) AS equity_at,
              (SELECT coalesce(json_object_agg(m.market_id, m.last_snapshot), '{}') FROM markets m
                WHERE m.market_id = ANY($6::text[]) OR m.market_id IN (SELECT market_id FROM open_intents)) AS markets`,
      [OPEN_INTENT_STATUSES, query.fillMode, query.afterFillId, query.ordersSince, query.equityAt, [...new Set(query.marketIds)]],
    );
    return {
      openIntents: row.open_intents.map((json) => toIntentWithoutChecks(intentRowOf(json))),
      fills: toFillsAfter(row),
      ordersSince: toNumber(row.orders_since),
      equityAt: row.equity_at,
      markets: new Map(Object.entries(row.markets)),
    };
  }
}
