import { PRICE_EPSILON } from '../strategy/edge';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';

/** The venue refuses orders below the market's minimum size (in shares); so do we, up front. */
export class MinOrderSizeCheck implements RiskCheck {
  readonly name = 'MIN_ORDER_SIZE';

  evaluate({ shares, market }: RiskContext): RiskCheckResult {
    const limit = market.minOrderSize;
    const passed = shares > 0 && shares >= limit - PRICE_EPSILON;
    const message = `shares ${shares.toFixed(2)} ${passed ? '>=' : '<'} market minimum ${limit}`;
    return { name: this.name, passed, value: shares, limit, message };
  }
}
