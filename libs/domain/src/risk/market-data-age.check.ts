import { reaches } from '../kill-switch/kill-switch-format';
import type { RiskCheckResult } from './risk-check.types';
import { percentApart } from './risk-format';
import type { RiskCheck, RiskContext } from './risk-context.types';

/**
 * A new position only on fresh data: refused when its own market's snapshot is as old as the
 * STALE_DATA limit. The STALE_DATA kill switch halts trading when the newest data of all is that
 * old; this catches the one market whose data stopped while others still flow (a connection gone
 * quiet, a market that left the catalogue, a backlog in the queues). The age is the snapshot's
 * `fetchedAt`: when the ingestor read the market's books, or up to when the stream kept them live.
 */
export class MarketDataAgeCheck implements RiskCheck {
  readonly name = 'MARKET_DATA_AGE';

  evaluate({ market, now, settings }: RiskContext): RiskCheckResult {
    const limit = settings.maxStaleDataSeconds;
    const asOf = Date.parse(market.fetchedAt);
    if (!Number.isFinite(asOf)) {
      return { name: this.name, passed: false, value: 0, limit, message: `cannot judge the age of market ${market.marketId}'s data (fetchedAt ${JSON.stringify(market.fetchedAt)})` };
    }
    // A clock a little behind the ingestor's makes data look younger than now, never older.
    const value = Math.max(0, (now - asOf) / 1000);
    const passed = !reaches(value, limit);
    const message = `market data ${percentApart(value, limit)} s old ${passed ? '<' : '>='} STALE_DATA limit ${limit} s`;
    return { name: this.name, passed, value, limit, message };
  }
}
