import { percentApart } from '../risk/risk-format';
import { reaches } from './kill-switch-format';
import type { KillSwitchInputs, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';

/**
 * Trips once maxApiErrorRatePct% of the venue calls in the window failed, but only with at least
 * apiErrorMinCalls calls: one failure out of one call is no evidence of an outage.
 */
export class ApiErrorsKillSwitch implements KillSwitchRule {
  readonly name = 'API_ERRORS';

  evaluate({ api }: KillSwitchInputs, { maxApiErrorRatePct: threshold, apiErrorMinCalls }: KillSwitchSettings): KillSwitchReading {
    const { calls, errors } = api;
    if (!Number.isFinite(calls) || !Number.isFinite(errors) || calls < 0 || errors < 0 || errors > calls) {
      return { name: this.name, tripped: true, value: null, threshold, reason: `${this.name}: cannot judge ${errors} errors in ${calls} calls: halting to be safe` };
    }
    const value = calls > 0 ? (errors / calls) * 100 : null;
    if (calls < apiErrorMinCalls) {
      return { name: this.name, tripped: false, value, threshold, reason: `${this.name}: too few calls to judge: ${errors} of ${calls} failed, needs ${apiErrorMinCalls} calls (limit ${threshold}%)` };
    }
    const rate = value ?? 0;
    const reason = `${this.name}: ${errors} of ${calls} venue calls failed = ${percentApart(rate, threshold)}% (limit ${threshold}%)`;
    return { name: this.name, tripped: reaches(rate, threshold), value: rate, threshold, reason };
  }
}
