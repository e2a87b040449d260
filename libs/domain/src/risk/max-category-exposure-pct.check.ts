import { PRICE_EPSILON } from '../strategy/edge';
import { categoryOf } from './market-category';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { usd } from './risk-format';

/** The market's category (categoryOf) plus this order may not exceed maxCategoryExposurePct% of bankroll. */
export class MaxCategoryExposurePctCheck implements RiskCheck {
  readonly name = 'MAX_CATEGORY_EXPOSURE_PCT';

  evaluate({ market, sizeUsd, bankroll, portfolio, settings }: RiskContext): RiskCheckResult {
    const category = categoryOf(market);
    const existing = portfolio.exposure.byCategory[category] ?? 0;
    const value = existing + sizeUsd;
    const limit = (bankroll * settings.maxCategoryExposurePct) / 100;
    const passed = value <= limit + PRICE_EPSILON;
    const message = `category '${category}' exposure ${usd(existing)} + size ${usd(sizeUsd)} = ${usd(value)} ${passed ? '<=' : '>'} ${settings.maxCategoryExposurePct}% of bankroll ${usd(bankroll)} = ${usd(limit)}`;
    return { name: this.name, passed, value, limit, message };
  }
}
