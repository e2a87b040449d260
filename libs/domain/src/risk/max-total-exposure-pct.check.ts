import { PRICE_EPSILON } from '../strategy/edge';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { usd } from './risk-format';

/** Everything committed (positions at cost plus open intents) plus this order may not exceed maxTotalExposurePct% of bankroll. */
export class MaxTotalExposurePctCheck implements RiskCheck {
  readonly name = 'MAX_TOTAL_EXPOSURE_PCT';

  evaluate({ sizeUsd, bankroll, portfolio, settings }: RiskContext): RiskCheckResult {
    const existing = portfolio.exposure.totalUsd;
    const value = existing + sizeUsd;
    const limit = (bankroll * settings.maxTotalExposurePct) / 100;
    const passed = value <= limit + PRICE_EPSILON;
    const message = `exposure ${usd(existing)} + size ${usd(sizeUsd)} = ${usd(value)} ${passed ? '<=' : '>'} ${settings.maxTotalExposurePct}% of bankroll ${usd(bankroll)} = ${usd(limit)}`;
    return { name: this.name, passed, value, limit, message };
  }
}
