import { formatDecimal, formatEdge, meetsEdgeThreshold } from '../strategy/edge';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';

/** The signal's edge must reach the configured threshold (the strategy may have used its own). */
export class MinEdgeCheck implements RiskCheck {
  readonly name = 'MIN_EDGE';

  evaluate({ signal, settings }: RiskContext): RiskCheckResult {
    const passed = meetsEdgeThreshold(signal.edge, settings.edgeThreshold);
    const digits = digitsToTellApart(signal.edge, settings.edgeThreshold, passed);
    const message = `edge ${formatEdge(signal.edge, digits)} ${passed ? '>=' : '<'} threshold ${formatDecimal(settings.edgeThreshold, digits)}`;
    return { name: this.name, passed, value: signal.edge, limit: settings.edgeThreshold, message };
  }
}

/** Three decimals, or more when a refused edge would otherwise print equal to the threshold. */
function digitsToTellApart(edge: number, threshold: number, passed: boolean): number {
  for (let digits = 3; digits <= 6 && !passed; digits += 1) {
    if (formatDecimal(edge, digits) !== formatDecimal(threshold, digits)) return digits;
  }
  return 3;
}
