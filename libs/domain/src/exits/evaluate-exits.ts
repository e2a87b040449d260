import type { MarketSnapshot } from '../market/market.types';
import type { MarkedPosition } from '../portfolio/portfolio.types';
import type { ExitContext, ExitDecision, ExitRuleCheck } from './exit-decision';
import { liquidityExit } from './liquidity.exit';
import { stopLossExit } from './stop-loss.exit';
import { takeProfitExit } from './take-profit.exit';
import { timeExit } from './time.exit';

/**
 * Most urgent first. Every rule proposes the same thing (sell the whole position at the best bid),
 * so the order only picks the reason the operator reads. Stop-loss leads: a loss that is still
 * growing is the one to act on now, and if the book is also thin, that is why. Take-profit next
 * (the two cannot both fire). Liquidity before time: a thinning book is a reason to sell today,
 * while the end date gives days of warning.
 */
export const EXIT_RULE_CHECKS: readonly ExitRuleCheck[] = [stopLossExit, takeProfitExit, liquidityExit, timeExit];

/** The first exit rule that fires for the position, or null (including when there is no bid to sell into). */
export function evaluateExits(position: MarkedPosition, market: MarketSnapshot, ctx: ExitContext): ExitDecision | null {
  for (const check of EXIT_RULE_CHECKS) {
    const decision = check(position, market, ctx);
    if (decision !== null) return decision;
  }
  return null;
}
