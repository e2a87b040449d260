import { PRICE_EPSILON } from '../strategy/edge';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { usd } from './risk-format';

/** One position may not exceed maxPositionPct% of the bankroll. */
export class MaxPositionPctCheck implements RiskCheck {
  readonly name = 'MAX_POSITION_PCT';

  evaluate({ sizeUsd, bankroll, settings }: RiskContext): RiskCheckResult {
    const limit = (bankroll * settings.maxPositionPct) / 100;
    const passed = sizeUsd <= limit + PRICE_EPSILON;
    const message = `size ${usd(sizeUsd)} ${passed ? '<=' : '>'} ${settings.maxPositionPct}% of bankroll ${usd(bankroll)} = ${usd(limit)}`;
    return { name: this.name, passed, value: sizeUsd, limit, message };
  }
}
