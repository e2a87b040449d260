import type { PortfolioState } from './portfolio-state.types';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';

/**
 * The portfolio as MAX_ORDERS_PER_HOUR must see it when re-checking an order already sent once (a
 * resumed execution): that order is among the hour's orders, and the rule adds it once more.
 */
export function withOwnOrderUncounted(portfolio: PortfolioState): PortfolioState {
  return { ...portfolio, ordersLastHour: Math.max(0, portfolio.ordersLastHour - 1) };
}

/** This order would be one more in the rolling hour; the count with it may not exceed maxOrdersPerHour. */
export class MaxOrdersPerHourCheck implements RiskCheck {
  readonly name = 'MAX_ORDERS_PER_HOUR';

  evaluate({ portfolio, settings }: RiskContext): RiskCheckResult {
    const sent = portfolio.ordersLastHour;
    const value = sent + 1;
    const limit = settings.maxOrdersPerHour;
    const passed = value <= limit;
    const message = `orders in the last hour ${sent} + 1 = ${value} ${passed ? '<=' : '>'} max ${limit} per hour`;
    return { name: this.name, passed, value, limit, message };
  }
}
