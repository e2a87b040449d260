import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { FillRepository, type FillMode, MarketRepository } from '@polybot/persistence';
import type { MarketDataSource } from '@polybot/polymarket';
import { CLOCK, LOGGER, METRICS, SETTINGS, type Clock } from '@polybot/runtime';
import { MARKET_DATA_SOURCE } from './ingestor.tokens';
import { batchEvents } from './snapshot-batches';
import { SnapshotPublisher, TOKENS_PER_BATCH } from './snapshot.publisher';
import { StreamSnapshotService } from './stream-snapshots.service';
import { VenueCallBuffer } from './venue-call.buffer';

export interface CycleReport {
  readonly cycleId: string;
  readonly events: number;
  readonly markets: number;
  readonly batches: number;
  readonly issues: number;
  /** Books read over REST; with streaming on, only books the stream does not keep live, except on a full re-sync. */
  readonly restBooks: number;
  readonly durationMs: number;
  /** Where the cycle's time went: venue fetch (catalogue and REST books), storing the catalogue, queueing the batches. */
  readonly fetchMs: number;
  readonly storeMs: number;
  readonly queueMs: number;
}

/**
 * One ingest cycle: fetch, store the market catalogue, fan the snapshots out to strategy and risk.
 * With streaming on, the stream keeps the books live between cycles, so a cycle reads over REST
 * only the books it does not keep live; every POLYBOT_BOOKS_RESYNC_CYCLES cycles (the first
 * included) all books are re-read, and the stream takes the venue's book wherever its own drifted
 * (a change lost before it reached the socket leaves no trace the stream could see).
 */
@Injectable()
export class IngestCycleService {
  private cycles = 0;

  constructor(
    @Inject(MARKET_DATA_SOURCE) private readonly source: MarketDataSource,
    private readonly markets: MarketRepository,
    private readonly fills: FillRepository,
    private readonly publisher: SnapshotPublisher,
    private readonly stream: StreamSnapshotService,
    private readonly venueCalls: VenueCallBuffer,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async runCycle(): Promise<CycleReport> {
    const cycleId = randomUUID();
    const log = this.logger.child({ cycle_id: cycleId });
    const started = this.clock();
    try {
      const watchConditionIds = await this.heldConditionIds(log);
      const fullResync = !this.stream.enabled || this.cycles++ % this.settings.booksResyncCycles === 0;
      this.stream.startingCycle();
      const cycle = await this.source.fetchCycle({ maxMarkets: this.settings.maxMarkets || undefined, watchConditionIds, liveBooks: this.stream.liveBooks(), resyncBooks: fullResync });
      for (const issue of cycle.issues.slice(0, 50)) log.warn({ issue }, 'Skipped malformed or failed venue data');
      if (cycle.issues.length > 50) log.warn({ more: cycle.issues.length - 50 }, 'More venue data issues this cycle');

      const fetchedAt = new Date(this.clock()).toISOString();
      const events = this.stream.resolvedView(cycle.events);
      await this.stream.follow(cycleId, events);
      const batches = batchEvents(events, TOKENS_PER_BATCH);
      const storeStarted = this.clock();
      let queueStarted = storeStarted;
      try {
        await this.markets.upsertMany(cycle.events.flatMap((event) => event.markets));
        queueStarted = this.clock();
        for (const batch of batches) {
          await this.publisher.publish(cycleId, fetchedAt, this.stream.freshen(batch), 'cycle');
          // Stream frames and their updates get their turn between batches of a big cycle.
          await nextTurn();
        }
      } catch (error) {
        this.stream.forgetQueued();
        throw error;
      }

      const ended = this.clock();
      const durationMs = ended - started;
      const phases = { fetchMs: cycle.stats.durationMs, storeMs: queueStarted - storeStarted, queueMs: ended - queueStarted };
      this.metrics.cycleDuration.observe(durationMs / 1000);
      this.metrics.marketsPerCycle.set(cycle.stats.markets);
      this.metrics.dataAge.set(0);
      const { stats } = cycle;
      for (const [outcome, books] of Object.entries(stats.resyncedBooks ?? {})) this.metrics.streamBooksResynced.inc({ outcome }, books);
      if (stats.resyncedBooks?.corrected) log.warn({ corrected: stats.resyncedBooks.corrected }, 'The market stream had drifted from the venue; the full re-sync corrected its books');
      const counts = { events: stats.events, markets: stats.markets, batches: batches.length, issues: cycle.issues.length, restBooks: stats.restBooks, durationMs, ...phases };
      log.info({ ...counts, tokens: stats.tokens, books: stats.books, watched: stats.watchedMarkets, full_resync: fullResync, resynced_books: stats.resyncedBooks ?? undefined }, 'Ingest cycle done');
      return { cycleId, ...counts };
    } finally {
      await this.venueCalls.flush().catch((error: unknown) => log.error({ err: error }, 'Could not store venue call outcomes; kept for the next cycle'));
    }
  }

  /**
   * Held positions' markets stay in every cycle after they leave the open catalogue, so risk sees
   * them resolve and can propose the claim. Without the ledger the cycle still runs, unwatched.
   */
  private async heldConditionIds(log: Logger): Promise<string[]> {
    const mode: FillMode = this.settings.mode === 'paper' ? 'PAPER' : 'LIVE';
    try {
      return await this.fills.heldConditionIds(mode);
    } catch (error) {
      log.error({ err: error, mode }, 'Could not read held positions; closed markets of held positions are not watched this cycle');
      return [];
    }
  }
}
