import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';
import { MaxNotionalPerMarketCheck } from './max-notional-per-market.check';
import { MaxPositionPctCheck } from './max-position-pct.check';
import { MinEdgeCheck } from './min-edge.check';
import { MinOrderSizeCheck } from './min-order-size.check';
import { UniverseCheck } from './universe.check';

export interface RiskVerdict {
  readonly passed: boolean;
  readonly results: RiskCheckResult[];
}

/** The first-cut checks, in the order their results are recorded. */
export function createDefaultRiskChecks(): RiskCheck[] {
  return [new UniverseCheck(), new MinEdgeCheck(), new MaxPositionPctCheck(), new MaxNotionalPerMarketCheck(), new MinOrderSizeCheck()];
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
