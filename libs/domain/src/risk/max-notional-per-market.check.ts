import { PRICE_EPSILON } from '../strategy/edge';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { usd } from './risk-format';

/** What a market already holds plus this order may not exceed maxNotionalPerMarket. */
export class MaxNotionalPerMarketCheck implements RiskCheck {
  readonly name = 'MAX_NOTIONAL_PER_MARKET';

  evaluate({ sizeUsd, existingMarketNotional, settings }: RiskContext): RiskCheckResult {
    const value = existingMarketNotional + sizeUsd;
    const limit = settings.maxNotionalPerMarket;
    const passed = value <= limit + PRICE_EPSILON;
    const message = `existing ${usd(existingMarketNotional)} + size ${usd(sizeUsd)} = ${usd(value)} ${passed ? '<=' : '>'} max per market ${usd(limit)}`;
    return { name: this.name, passed, value, limit, message };
  }
}
