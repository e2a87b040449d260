import { percentApart, usd } from '../risk/risk-format';
import { equityHistory } from './equity-curve';
import { reaches } from './kill-switch-format';
import type { KillSwitchInputs, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';

/** Trips once equity falls maxDrawdownPct% below the highest equity on the curve so far. */
export class DrawdownKillSwitch implements KillSwitchRule {
  readonly name = 'DRAWDOWN';

  evaluate({ now, equityCurve }: KillSwitchInputs, { maxDrawdownPct: threshold }: KillSwitchSettings): KillSwitchReading {
    const history = equityHistory(equityCurve, now);
    const latest = history.at(-1);
    if (!latest) return { name: this.name, tripped: false, value: null, threshold, reason: `${this.name}: no equity history yet (limit ${threshold}%)` };
    const peak = history.reduce((max, point) => Math.max(max, point.equity), Number.NEGATIVE_INFINITY);
    if (!Number.isFinite(peak) || !Number.isFinite(latest.equity) || peak <= 0) {
      return { name: this.name, tripped: true, value: null, threshold, reason: `${this.name}: cannot judge equity ${usd(latest.equity)} against peak ${usd(peak)}: halting to be safe` };
    }
    const value = ((peak - latest.equity) / peak) * 100;
    const reason = `${this.name}: equity ${usd(latest.equity)} is ${percentApart(value, threshold)}% below its peak ${usd(peak)} (limit ${threshold}%)`;
    return { name: this.name, tripped: reaches(value, threshold), value, threshold, reason };
  }
}
