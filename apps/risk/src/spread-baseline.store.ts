import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import {
  assertSpreadBaselineParams, DEFAULT_SPREAD_SMOOTHING, DEFAULT_SPREAD_WARM_UP_OBSERVATIONS, foldSpreadObservation, tradableSpreads,
  type EventSnapshot, type SpreadBaseline, type SpreadBaselineParams, type SpreadBaselines,
} from '@polybot/domain';
import { SETTINGS } from '@polybot/runtime';

/**
 * Each token's normal spread, learned from the snapshots this risk process has seen. Kept in
 * memory: after a restart it re-learns (SPREAD_ANOMALY stays quiet through the warm-up).
 */
@Injectable()
export class SpreadBaselineStore {
  /** Updated in place, one token at a time: copying the baselines per batch made learning O(universe) per batch (61% of risk's CPU at 50,000 tokens). */
  private readonly baselines: Record<string, SpreadBaseline> = {};
  private readonly params: SpreadBaselineParams;

  constructor(@Inject(SETTINGS) settings: Settings) {
    this.params = { smoothing: DEFAULT_SPREAD_SMOOTHING, warmUpObservations: DEFAULT_SPREAD_WARM_UP_OBSERVATIONS, maxSpreadMultiplier: settings.maxSpreadMultiplier };
    assertSpreadBaselineParams(this.params);
  }

  current(): SpreadBaselines {
    return this.baselines;
  }

  /** Call after judging the events against the current baselines, never before. */
  learn(events: readonly EventSnapshot[]): void {
    for (const observation of tradableSpreads(events)) {
      const folded = foldSpreadObservation(this.baselines[observation.tokenId], observation, this.params);
      if (folded) this.baselines[observation.tokenId] = folded;
    }
  }

  normalSpread(tokenId: string): number | null {
    const baseline = this.baselines[tokenId];
    return baseline && baseline.observations >= DEFAULT_SPREAD_WARM_UP_OBSERVATIONS ? baseline.normalSpread : null;
  }
}
