import { evaluateUniverse } from '../universe/evaluate-universe';
import { UNIVERSE_FILTERS } from '../universe/universe-filters';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck, RiskContext } from './risk-context.types';

/** The market must still pass every universe filter at the moment the signal is checked. */
export class UniverseCheck implements RiskCheck {
  readonly name = 'UNIVERSE';

  evaluate({ market, settings, now }: RiskContext): RiskCheckResult {
    const verdict = evaluateUniverse(market, settings.universe, now);
    const message = verdict.tradable
      ? `market passes all ${UNIVERSE_FILTERS.length} universe filters`
      : `market fails ${verdict.failed.length} universe filter${verdict.failed.length === 1 ? '' : 's'}: ${verdict.reasons.join('; ')}`;
    return { name: this.name, passed: verdict.tradable, value: verdict.failed.length, limit: 0, message };
  }
}
