import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { DEFAULT_SPREAD_SMOOTHING, DEFAULT_SPREAD_WARM_UP_OBSERVATIONS, updateSpreadBaselines, type EventSnapshot, type SpreadBaselines } from '@polybot/domain';
import { SETTINGS } from '@polybot/runtime';

/**
 * Each token's normal spread, learned from the snapshots this risk process has seen. Kept in
 * memory: after a restart it re-learns (SPREAD_ANOMALY stays quiet through the warm-up).
 */
@Injectable()
export class SpreadBaselineStore {
  private baselines: SpreadBaselines = {};

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  current(): SpreadBaselines {
    return this.baselines;
  }

  /** Call after judging the events against the current baselines, never before. */
  learn(events: readonly EventSnapshot[]): void {
    this.baselines = updateSpreadBaselines(this.baselines, events, {
      smoothing: DEFAULT_SPREAD_SMOOTHING,
      warmUpObservations: DEFAULT_SPREAD_WARM_UP_OBSERVATIONS,
      maxSpreadMultiplier: this.settings.maxSpreadMultiplier,
    });
  }

  normalSpread(tokenId: string): number | null {
    const baseline = this.baselines[tokenId];
    return baseline && baseline.observations >= DEFAULT_SPREAD_WARM_UP_OBSERVATIONS ? baseline.normalSpread : null;
  }
}
