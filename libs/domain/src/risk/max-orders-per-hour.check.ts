import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';

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
