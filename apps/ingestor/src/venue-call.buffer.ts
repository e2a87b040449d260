import { Inject, Injectable } from '@nestjs/common';
import type { PolybotMetrics } from '@polybot/observability';
import { VenueCallRepository, type VenueCall as StoredVenueCall } from '@polybot/persistence';
import type { VenueCall, VenueCallRecorder } from '@polybot/polymarket';
import { CLOCK, METRICS, type Clock } from '@polybot/runtime';

/**
 * Collects every venue call of a cycle in memory and stores them in one statement at the end of the
 * cycle: the API-error kill switch needs every call counted, the hot path needs no per-call write.
 */
@Injectable()
export class VenueCallBuffer implements VenueCallRecorder {
  private pending: StoredVenueCall[] = [];

  constructor(
    private readonly repository: VenueCallRepository,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(call: VenueCall): void {
    this.pending.push({ endpoint: call.endpoint, ok: call.ok, at: new Date(this.clock()) });
    this.metrics.venueCalls.inc({ endpoint: call.endpoint, outcome: call.ok ? 'ok' : 'error' });
  }

  /** Stores what was recorded; on failure the calls are kept for the next flush, never dropped. */
  async flush(): Promise<number> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.repository.recordMany(batch);
      return batch.length;
    } catch (error) {
      this.pending = batch.concat(this.pending);
      throw error;
    }
  }
}
