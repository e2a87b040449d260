import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { MarketDataAgeCheck } from './market-data-age.check';
import { MaxNotionalPerMarketCheck } from './max-notional-per-market.check';
import { MaxPositionPctCheck } from './max-position-pct.check';
import { MinEdgeCheck } from './min-edge.check';
import { MinOrderSizeCheck } from './min-order-size.check';
import { UniverseCheck } from './universe.check';
import { MaxTotalExposurePctCheck } from './max-total-exposure-pct.check';
import { MaxCategoryExposurePctCheck } from './max-category-exposure-pct.check';
import { MaxOrdersPerHourCheck } from './max-orders-per-hour.check';
import { DailyLossLimitCheck } from './daily-loss-limit.check';

export interface RiskVerdict {
  readonly passed: boolean;
  readonly results: RiskCheckResult[];
}

/** Every check a new position must pass, in the order their results are recorded (portfolio-wide ones last). */
export function createDefaultRiskChecks(): RiskCheck[] {
  return [
    new UniverseCheck(),
    new MarketDataAgeCheck(),
    new MinEdgeCheck(),
    new MaxPositionPctCheck(),
    new MaxNotionalPerMarketCheck(),
    new MinOrderSizeCheck(),
    ...createPortfolioRiskChecks(),
  ];
}

/** The checks that read the whole portfolio rather than the one order. */
export function createPortfolioRiskChecks(): RiskCheck[] {
  return [new MaxTotalExposurePctCheck(), new MaxCategoryExposurePctCheck(), new MaxOrdersPerHourCheck(), new DailyLossLimitCheck()];
}

/**
 * What a re-check (at approval, before execution) runs for an existing OPEN_POSITION intent: the
 * defaults without MIN_EDGE. The edge was judged at the proposal price; whether the book has moved
 * away from it is the executor's drift check, not a limit.
 */
export function createRecheckRiskChecks(): RiskCheck[] {
  return createDefaultRiskChecks().filter((check) => check.name !== 'MIN_EDGE');
}

/**
 * Runs EVERY check (no short-circuit) so the intent records all results, passed or not. A check
 * that throws counts as failed (fail closed) with the error in its message; so does an empty list
 * of checks, which can only be a wiring mistake.
 */
export function runRiskChecks(checks: readonly RiskCheck[], ctx: RiskContext): RiskVerdict {
  const results = checks.map((check): RiskCheckResult => {
    try {
      return check.evaluate(ctx);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { name: check.name, passed: false, value: 0, limit: 0, message: `check could not run: ${why}` };
    }
  });
  return { passed: results.length > 0 && results.every((result) => result.passed), results };
}
