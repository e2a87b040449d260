import { formatProb } from '../strategy/edge';
import { percentApart } from '../risk/risk-format';
import { reaches } from './kill-switch-format';
import type { KillSwitchInputs, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';
import { isWarmedUp, spreadRatio, tradableSpreads, type SpreadObservation } from './spread-baseline';

interface Judged {
  readonly observation: SpreadObservation;
  readonly normal: number;
  readonly ratio: number;
}

/**
 * Trips when any tradable token's spread reaches maxSpreadMultiplier x its normal spread (its
 * SpreadBaseline, once warmed up). Evaluate BEFORE folding the same events into the baselines.
 */
export class SpreadAnomalyKillSwitch implements KillSwitchRule {
  readonly name = 'SPREAD_ANOMALY';

  evaluate({ events, spreadBaselines }: KillSwitchInputs, { maxSpreadMultiplier: threshold, spreadWarmUpObservations }: KillSwitchSettings): KillSwitchReading {
    const judged: Judged[] = [];
    for (const observation of tradableSpreads(events)) {
      const baseline = spreadBaselines[observation.tokenId];
      if (!baseline || !isWarmedUp(baseline, spreadWarmUpObservations)) continue;
      judged.push({ observation, normal: Math.max(baseline.normalSpread, observation.tickSize), ratio: spreadRatio(observation, baseline) });
    }
    if (judged.length === 0) {
      return { name: this.name, tripped: false, value: null, threshold, reason: `${this.name}: no token has a warmed-up spread baseline yet (needs ${spreadWarmUpObservations} observations; limit ${threshold}x)` };
    }
    const worst = judged.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const tripped = reaches(worst.ratio, threshold);
    const others = judged.filter((j) => j !== worst && reaches(j.ratio, threshold)).length;
    const { observation: o } = worst;
    const token = `token ${o.tokenId} (${o.outcome}) of market ${o.marketId} "${o.question}"`;
    const more = others > 0 ? `; ${others} more token${others === 1 ? '' : 's'} at or over ${threshold}x` : '';
    const reason = tripped
      ? `${this.name}: ${token} spread ${formatProb(o.spread)} is ${percentApart(worst.ratio, threshold)}x its normal ${formatProb(worst.normal)} (limit ${threshold}x)${more}`
      : `${this.name}: widest spread is ${percentApart(worst.ratio, threshold)}x normal, ${token} spread ${formatProb(o.spread)} vs normal ${formatProb(worst.normal)} (limit ${threshold}x)`;
    return { name: this.name, tripped, value: worst.ratio, threshold, reason };
  }
}
