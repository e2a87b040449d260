import { Inject, Injectable } from '@nestjs/common';
import type { PolybotMetrics } from '@polybot/observability';
import type { SnapshotBatchJob } from '@polybot/queues';
import { CLOCK, METRICS, type Clock } from '@polybot/runtime';

/** Tracks how old the newest market data is: what the STALE_DATA kill switch and `status` read. */
@Injectable()
export class MarketDataAgeService {
  private newestFetchedAt: number | null = null;

  constructor(
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  observe(batch: SnapshotBatchJob): void {
    const fetchedAt = Date.parse(batch.fetchedAt);
    if (this.newestFetchedAt === null || fetchedAt > this.newestFetchedAt) this.newestFetchedAt = fetchedAt;
    this.metrics.dataAge.set(this.ageSeconds() ?? 0);
  }

  ageSeconds(): number | null {
    return this.newestFetchedAt === null ? null : Math.max(0, (this.clock() - this.newestFetchedAt) / 1000);
  }
}
