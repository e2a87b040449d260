import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { PolybotMetrics } from '@polybot/observability';
import { MarketRepository } from '@polybot/persistence';
import type { SnapshotBatchJob } from '@polybot/queues';
import { CLOCK, METRICS, type Clock } from '@polybot/runtime';

/** Tracks when the newest market data arrived: what the STALE_DATA kill switch and `status` read. */
@Injectable()
export class MarketDataAgeService implements OnApplicationBootstrap {
  private newestFetchedAt: number | null = null;

  constructor(
    private readonly markets: MarketRepository,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After a restart the data is as old as the newest stored snapshot, not unknown. */
  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.markets.newestUpdate();
    if (stored && this.newestFetchedAt === null) this.newestFetchedAt = stored.getTime();
  }

  observe(batch: SnapshotBatchJob): void {
    const fetchedAt = Date.parse(batch.fetchedAt);
    if (this.newestFetchedAt === null || fetchedAt > this.newestFetchedAt) this.newestFetchedAt = fetchedAt;
    this.metrics.dataAge.set(this.ageSeconds() ?? 0);
  }

  newest(): number | null {
    return this.newestFetchedAt;
  }

  ageSeconds(): number | null {
    return this.newestFetchedAt === null ? null : Math.max(0, (this.clock() - this.newestFetchedAt) / 1000);
  }
}
