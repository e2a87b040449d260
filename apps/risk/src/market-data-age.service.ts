import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { PolybotMetrics } from '@polybot/observability';
import { MarketRepository } from '@polybot/persistence';
import type { SnapshotBatchJob } from '@polybot/queues';
import { CLOCK, METRICS, SETTINGS, type Clock } from '@polybot/runtime';

/** Tracks when the newest market data arrived: what the STALE_DATA kill switch and `status` read. */
@Injectable()
export class MarketDataAgeService implements OnApplicationBootstrap {
  private newestFetchedAt: number | null = null;
  private startedAt: number | null = null;
  private heardSinceStart = false;

  constructor(
    private readonly markets: MarketRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** After a restart the data is as old as the newest stored snapshot, not unknown. */
  async onApplicationBootstrap(): Promise<void> {
    this.startedAt ??= this.clock();
    const stored = await this.markets.newestUpdate();
    if (stored && this.newestFetchedAt === null) this.newestFetchedAt = stored.getTime();
  }

  observe(batch: SnapshotBatchJob): void {
    const fetchedAt = Date.parse(batch.fetchedAt);
    if (this.newestFetchedAt === null || fetchedAt > this.newestFetchedAt) this.newestFetchedAt = fetchedAt;
    this.heardSinceStart = true;
    this.metrics.dataAge.set(this.ageSeconds() ?? 0);
  }

  newest(): number | null {
    return this.newestFetchedAt;
  }

  /**
   * The newest data as STALE_DATA judges it. After a restart the stored data is old by however
   * long the system was down; that is a stale feed only once the feed has had the STALE_DATA limit
   * to resume and has not (null until then: "starting up"). A manual clear for every restart after
   * a pause would teach operators to clear it without looking.
   */
  newestToJudge(): number | null {
    const resumeBy = (this.startedAt ?? 0) + this.settings.maxStaleDataSeconds * 1000;
    return this.heardSinceStart || this.clock() >= resumeBy ? this.newestFetchedAt : null;
  }

  ageSeconds(): number | null {
    return this.newestFetchedAt === null ? null : Math.max(0, (this.clock() - this.newestFetchedAt) / 1000);
  }
}
