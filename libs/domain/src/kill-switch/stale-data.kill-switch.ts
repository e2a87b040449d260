import { percentApart } from '../risk/risk-format';
import { reaches } from './kill-switch-format';
import type { KillSwitchInputs, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';

/**
 * Trips once the newest market data is maxStaleDataSeconds old. Before any data has arrived the
 * system is starting up, not stale: not tripped (nothing can be proposed without data anyway).
 */
export class StaleDataKillSwitch implements KillSwitchRule {
  readonly name = 'STALE_DATA';

  evaluate({ now, lastMarketDataAt }: KillSwitchInputs, { maxStaleDataSeconds: threshold }: KillSwitchSettings): KillSwitchReading {
    if (lastMarketDataAt === null) {
      return { name: this.name, tripped: false, value: null, threshold, reason: `${this.name}: no market data yet (starting up; limit ${threshold} s)` };
    }
    const value = (now - lastMarketDataAt) / 1000;
    if (!Number.isFinite(value)) {
      return { name: this.name, tripped: true, value: null, threshold, reason: `${this.name}: cannot judge the data age: halting to be safe` };
    }
    const reason = `${this.name}: newest market data is ${percentApart(value, threshold)} s old (limit ${threshold} s)`;
    return { name: this.name, tripped: reaches(value, threshold), value, threshold, reason };
  }
}
