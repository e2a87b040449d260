import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { percentApart, usd } from './risk-format';

/** Float slack at the bound: a loss that prints as exactly the limit counts as reaching it. */
const PCT_EPSILON = 1e-9;

/**
 * No new position once the last 24 h lost maxDailyLossPct% of the equity 24 h ago (the DAILY_LOSS
 * kill switch halts at the same bound; this check refuses the single intent even before it trips).
 * Without a 24 h old equity the loss counts as 0. A non-positive or non-finite equity cannot be
 * judged: fail closed.
 */
export class DailyLossLimitCheck implements RiskCheck {
  readonly name = 'DAILY_LOSS_LIMIT';

  evaluate({ portfolio, settings }: RiskContext): RiskCheckResult {
    const { equity, equity24hAgo } = portfolio;
    const limit = settings.maxDailyLossPct;
    if (equity24hAgo === null) {
      return { name: this.name, passed: true, value: 0, limit, message: `no equity from 24 h ago yet: loss 0% < limit ${limit}%` };
    }
    if (!Number.isFinite(equity) || !Number.isFinite(equity24hAgo) || equity24hAgo <= 0) {
      return { name: this.name, passed: false, value: Number.NaN, limit, message: `cannot judge the 24 h loss: equity ${usd(equity)}, 24 h ago ${usd(equity24hAgo)}` };
    }
    const value = ((equity24hAgo - equity) / equity24hAgo) * 100;
    const passed = value < limit - PCT_EPSILON;
    const message = `24 h loss ${percentApart(value, limit)}% (equity ${usd(equity)}, 24 h ago ${usd(equity24hAgo)}) ${passed ? '<' : '>='} limit ${limit}%`;
    return { name: this.name, passed, value, limit, message };
  }
}
