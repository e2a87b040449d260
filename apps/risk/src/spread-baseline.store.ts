import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { DEFAULT_SPREAD_SMOOTHING, DEFAULT_SPREAD_WARM_UP_OBSERVATIONS, updateSpreadBaselines, type EventSnapshot, type SpreadBaseline, type SpreadBaselines } from '@polybot/domain';
import { SETTINGS } from '@polybot/runtime';

/**
 * Each token's normal spread, learned from the snapshots this risk process has seen. Kept in
 * memory: after a restart it re-learns (SPREAD_ANOMALY stays quiet through the warm-up).
 */
@Injectable()
export class SpreadBaselineStore {
  /** Updated in place: copying every token's baseline per batch made learning O(universe) per batch (61% of risk's CPU at 50,000 tokens). */
  private readonly baselines: Record<string, SpreadBaseline> = {};

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  current(): SpreadBaselines {
    return this.baselines;
  }

  /** Call after judging the events against the current baselines, never before. */
  learn(events: readonly EventSnapshot[]): void {
    // Only the batch's tokens go through the (pure, copying) update; the results are written back.
    const known: Record<string, SpreadBaseline> = {};
    for (const event of events) {
      for (const market of event.markets) {
        for (const token of market.tokens) {
          const baseline = this.baselines[token.tokenId];
          if (baseline) known[token.tokenId] = baseline;
        }
      }
    }
    const updated = updateSpreadBaselines(known, events, {
      smoothing: DEFAULT_SPREAD_SMOOTHING,
      warmUpObservations: DEFAULT_SPREAD_WARM_UP_OBSERVATIONS,
      maxSpreadMultiplier: this.settings.maxSpreadMultiplier,
    });
    Object.assign(this.baselines, updated);
  }

  normalSpread(tokenId: string): number | null {
    const baseline = this.baselines[tokenId];
    return baseline && baseline.observations >= DEFAULT_SPREAD_WARM_UP_OBSERVATIONS ? baseline.normalSpread : null;
  }
}
