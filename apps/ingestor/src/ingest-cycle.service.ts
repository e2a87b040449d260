import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { FillRepository, type FillMode, MarketRepository } from '@polybot/persistence';
import type { EventSnapshot } from '@polybot/domain';
import { addCycleStats, NO_CYCLE_STATS, type MarketDataChunk, type MarketDataCycleStats, type MarketDataSource } from '@polybot/polymarket';
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

/** Venue data issues logged one by one per cycle; the rest are counted. */
const ISSUES_LOGGED = 50;

interface QueuedBatch {
  readonly events: EventSnapshot[];
  /** When the oldest slice in it was read. */
  readonly fetchedAt: string;
}

interface QueuedCycle {
  readonly stats: MarketDataCycleStats;
  readonly issues: number;
  readonly batches: number;
  readonly storeMs: number;
  readonly queueMs: number;
}

/**
 * One ingest cycle: fetch, store the market catalogue, fan the snapshots out to strategy and risk,
 * a slice of the catalogue at a time (MarketDataSource.cycleChunks), so the ingestor never holds the
 * universe as Gamma's objects and snapshots at once; the stream takes each batch as it is queued.
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
      this.stream.startingCycle(cycleId);
      const chunks = this.source.cycleChunks({ maxMarkets: this.settings.maxMarkets || undefined, watchConditionIds, liveBooks: this.stream.liveBooks(), resyncBooks: fullResync });
      const queued = await this.storeAndQueue(cycleId, chunks, log);
      this.stream.endCycle();

      const { stats } = queued;
      if (queued.issues > ISSUES_LOGGED) log.warn({ more: queued.issues - ISSUES_LOGGED }, 'More venue data issues this cycle');
      const durationMs = this.clock() - started;
      this.metrics.cycleDuration.observe(durationMs / 1000);
      this.metrics.marketsPerCycle.set(stats.markets);
      this.metrics.dataAge.set(0);
      for (const [outcome, books] of Object.entries(stats.resyncedBooks ?? {})) this.metrics.streamBooksResynced.inc({ outcome }, books);
      if (stats.resyncedBooks?.corrected) log.warn({ corrected: stats.resyncedBooks.corrected }, 'The market stream had drifted from the venue; the full re-sync corrected its books');
      const phases = { fetchMs: stats.durationMs, storeMs: queued.storeMs, queueMs: queued.queueMs };
      const counts = { events: stats.events, markets: stats.markets, batches: queued.batches, issues: queued.issues, restBooks: stats.restBooks, durationMs, ...phases };
      log.info({ ...counts, tokens: stats.tokens, books: stats.books, watched: stats.watchedMarkets, full_resync: fullResync, resynced_books: stats.resyncedBooks ?? undefined }, 'Ingest cycle done');
      return { cycleId, ...counts };
    } finally {
      await this.venueCalls.flush().catch((error: unknown) => log.error({ err: error }, 'Could not store venue call outcomes; kept for the next cycle'));
    }
  }

  /**
   * Each slice of the cycle stored, then queued in batches of whole events; a slice's last part-batch
   * waits for the next slice's events, so slicing adds no small batches. Only a slice is held at a time.
   */
  private async storeAndQueue(cycleId: string, chunks: AsyncIterable<MarketDataChunk>, log: Logger): Promise<QueuedCycle> {
    const done = { stats: NO_CYCLE_STATS, issues: 0, batches: 0, storeMs: 0, queueMs: 0 };
    let waiting: QueuedBatch = { events: [], fetchedAt: '' };
    const queue = async ({ events, fetchedAt }: QueuedBatch): Promise<void> => {
      const queueStarted = this.clock();
      await this.publisher.publish(cycleId, fetchedAt, this.stream.take(events), 'cycle');
      done.batches += 1;
      done.queueMs += this.clock() - queueStarted;
      // Stream frames and their updates get their turn between batches of a big cycle.
      await nextTurn();
    };
    try {
      for await (const chunk of chunks) {
        done.stats = addCycleStats(done.stats, chunk.stats);
        this.warnIssues(chunk.issues, done.issues, log);
        done.issues += chunk.issues.length;
        const storeStarted = this.clock();
        const fetchedAt = new Date(storeStarted).toISOString();
        await this.markets.upsertMany(chunk.events.flatMap((event) => event.markets));
        done.storeMs += this.clock() - storeStarted;
        const batches = batchEvents([...waiting.events, ...this.stream.resolvedView(chunk.events)], TOKENS_PER_BATCH).map((events, i) => ({ events, fetchedAt: i === 0 && waiting.events.length > 0 ? waiting.fetchedAt : fetchedAt }));
        waiting = batches.pop() ?? { events: [], fetchedAt };
        for (const batch of batches) await queue(batch);
      }
      if (waiting.events.length > 0) await queue(waiting);
    } catch (error) {
      this.stream.forgetQueued();
      throw error;
    }
    return done;
  }

  private warnIssues(issues: readonly string[], warnedBefore: number, log: Logger): void {
    for (const issue of issues.slice(0, Math.max(0, ISSUES_LOGGED - warnedBefore))) log.warn({ issue }, 'Skipped malformed or failed venue data');
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
