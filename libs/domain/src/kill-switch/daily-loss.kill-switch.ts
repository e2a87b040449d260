import { percentApart, usd } from '../risk/risk-format';
import { equityAtOrBefore, equityHistory } from './equity-curve';
import { reaches } from './kill-switch-format';
import type { KillSwitchInputs, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Trips once equity has lost maxDailyLossPct% of what it was 24 h ago: the last point at or
 * before now - 24 h, or the first point while the curve is younger than a day.
 */
export class DailyLossKillSwitch implements KillSwitchRule {
  readonly name = 'DAILY_LOSS';

  evaluate({ now, equityCurve }: KillSwitchInputs, { maxDailyLossPct: threshold }: KillSwitchSettings): KillSwitchReading {
    const history = equityHistory(equityCurve, now);
    const latest = history.at(-1);
    const base = equityAtOrBefore(history, now - DAY_MS);
    if (!latest || !base) return { name: this.name, tripped: false, value: null, threshold, reason: `${this.name}: no equity history yet (limit ${threshold}%)` };
    if (!Number.isFinite(base.equity) || !Number.isFinite(latest.equity) || base.equity <= 0) {
      return { name: this.name, tripped: true, value: null, threshold, reason: `${this.name}: cannot judge equity ${usd(latest.equity)} against ${usd(base.equity)}: halting to be safe` };
    }
    const value = ((base.equity - latest.equity) / base.equity) * 100;
    const hoursAgo = (now - base.at.getTime()) / 3_600_000;
    const since = hoursAgo >= 24 ? `24 h ago` : `${hoursAgo.toFixed(1)} h ago, the oldest point`;
    const direction = value >= 0 ? 'below' : 'above';
    const reason = `${this.name}: equity ${usd(latest.equity)} is ${percentApart(Math.abs(value), threshold)}% ${direction} ${usd(base.equity)} (${since}; limit ${threshold}%)`;
    return { name: this.name, tripped: reaches(value, threshold), value, threshold, reason };
  }
}
