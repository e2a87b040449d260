import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EventSnapshot } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import type { LiveBooks, MarketStream } from '@polybot/polymarket';
import { CLOCK, LOGGER, METRICS, type Clock } from '@polybot/runtime';
import { MARKET_STREAM } from './ingestor.tokens';
import { liveEventSnapshot, withStreamResolutions } from './live-event.snapshot';
import { marketFingerprint } from './market-fingerprint';
import { batchEvents } from './snapshot-batches';
import { SnapshotPublisher, TOKENS_PER_BATCH } from './snapshot.publisher';
import { StreamCatalogue } from './stream-catalogue';

/** `<cycleId>:stream:<n>`: the n-th stream update since that cycle began. */
export function streamUpdateId(cycleId: string, n: number): string {
  return `${cycleId}:stream:${n}`;
}

/**
 * Between ingest cycles, keeps the books live from the market channel. After each cycle the stream
 * follows that cycle's tradable tokens; when tokens change, only their events are rebuilt from the
 * cycle's catalogue plus the live books and queued at once, whole events per batch. An update that
 * changes no quote, tick size or market state (a re-snapshot equal to what was sent) is not queued.
 */
@Injectable()
export class StreamSnapshotService implements OnApplicationShutdown {
  /**
   * The catalogue stream updates are built on: each event as the cycle last queued it, taken a batch
   * at a time as the cycle queues, so a cycle never holds a second copy of the universe beside it.
   */
  private readonly catalogue = new StreamCatalogue();
  /** The cycle stream updates are numbered under (see streamUpdateId): the running or last one; null before the first. */
  private cycleId: string | null = null;
  /** Events the running cycle has taken; what it did not take has left the catalogue when it ends. */
  private takenThisCycle = new Set<string>();
  /** Per market, the fingerprint of what strategy and risk were last sent (by the cycle or the stream). */
  private queued = new Map<string, number>();
  private updates = 0;
  private pendingEvents = new Set<string>();
  /** Events whose books the stream changed since the cycle began reading its catalogue. */
  private movedSinceCycleStart = new Set<string>();
  private publishing: Promise<void> | null = null;

  constructor(
    @Inject(MARKET_STREAM) private readonly stream: MarketStream | null,
    private readonly publisher: SnapshotPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    if (!stream) return;
    stream.onChange((assetIds) => this.onChange(assetIds));
    stream.onIssue((issue) => this.logger.warn({ issue }, 'Market stream issue'));
    stream.onMessage((eventType) => this.metrics.streamMessages.inc({ event_type: eventType }));
    stream.onConnectionState(() => this.countConnections());
  }

  get enabled(): boolean {
    return this.stream !== null;
  }

  /** The books the stream keeps live (see MarketStream.isLive); undefined with streaming off. */
  liveBooks(): LiveBooks | undefined {
    return this.stream ?? undefined;
  }

  /** The cycle's events with the markets the stream saw resolve marked resolved (Gamma can lag). */
  resolvedView(events: EventSnapshot[]): EventSnapshot[] {
    const stream = this.stream;
    return stream ? events.map((event) => withStreamResolutions(event, stream)) : events;
  }

  /**
   * A cycle begins reading its catalogue: from now on, note which events the stream moves, and
   * number stream updates under this cycle. Its batches and the stream's then carry one cycle id
   * while it runs (risk records an account point per cycle id: alternating two would record one per batch).
   */
  startingCycle(cycleId: string): void {
    this.movedSinceCycleStart = new Set();
    this.takenThisCycle = new Set();
    this.cycleId = cycleId;
    this.updates = 0;
  }

  /**
   * A batch of the cycle's events it is about to queue, as it must queue them: those the stream
   * moved since the cycle began are rebuilt from the live books (read before the store, the cycle's
   * quotes can be older than a stream update already sent, and strategy and risk would take the older
   * ones last). From now on stream updates of these events build on them, and are queued only where
   * they change what this batch sends.
   */
  take(events: EventSnapshot[]): EventSnapshot[] {
    const stream = this.stream;
    if (!stream) return events;
    for (const conditionId of this.catalogue.take(events)) this.queued.delete(conditionId);
    return events.map((event) => {
      this.takenThisCycle.add(event.eventId);
      const sent = this.movedSinceCycleStart.has(event.eventId) ? liveEventSnapshot(event, stream).event : event;
      for (const market of sent.markets) this.queued.set(market.conditionId, marketFingerprint(market));
      return sent;
    });
  }

  /**
   * The cycle queued its whole catalogue: events it no longer lists leave the stream's, and the
   * stream follows the tradable tokens of what is left (the markets the cycle reads books for).
   */
  endCycle(): void {
    const stream = this.stream;
    if (!stream) return;
    for (const conditionId of this.catalogue.keepOnly(this.takenThisCycle)) this.queued.delete(conditionId);
    stream.setAssets(this.catalogue.tradableTokenIds());
    this.countConnections();
  }

  /**
   * The cycle could not queue what `take` assumed it would: forget what was sent, so the next stream
   * update of any market is queued rather than judged unchanged against a batch nobody received.
   */
  forgetQueued(): void {
    this.queued = new Map();
  }

  /** Resolves once the updates queued so far are published (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.publishing) await this.publishing;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stream?.close();
    this.countConnections();
    await this.idle();
  }

  private onChange(assetIds: readonly string[]): void {
    for (const assetId of assetIds) {
      const eventId = this.catalogue.eventOf(assetId);
      if (!eventId) continue;
      this.pendingEvents.add(eventId);
      this.movedSinceCycleStart.add(eventId);
    }
    this.drain();
  }

  /** One publish at a time; changes arriving meanwhile are coalesced into the next one. */
  private drain(): void {
    if (this.publishing || this.pendingEvents.size === 0) return;
    this.publishing = this.publishPending()
      .catch((error: unknown) => this.logger.error({ err: error }, `Could not queue stream snapshots: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.publishing = null;
        this.drain();
      });
  }

  private async publishPending(): Promise<void> {
    const stream = this.stream;
    const catalogueCycleId = this.cycleId;
    if (!stream || catalogueCycleId === null) return;
    const eventIds = [...this.pendingEvents];
    this.pendingEvents = new Set();
    const live = eventIds
      .map((eventId) => this.catalogue.event(eventId))
      .filter((event): event is EventSnapshot => event !== undefined)
      .map((event) => liveEventSnapshot(event, stream))
      .filter((entry) => this.takeIfChanged(entry.event));
    const newestOf = new Map(live.map((entry) => [entry.event.eventId, entry.newestAt]));
    const batches = batchEvents(live.map((entry) => entry.event), TOKENS_PER_BATCH);
    for (const [index, events] of batches.entries()) {
      const newestAt = Math.max(...events.map((event) => newestOf.get(event.eventId) ?? 0));
      const fetchedAt = newestAt > 0 ? newestAt : this.clock();
      const cycleId = streamUpdateId(catalogueCycleId, ++this.updates);
      try {
        await this.publisher.publish(cycleId, new Date(fetchedAt).toISOString(), events, 'stream');
      } catch (error) {
        // Nobody received these: their markets' next update must be queued, not judged unchanged.
        for (const event of batches.slice(index).flat()) for (const market of event.markets) this.queued.delete(market.conditionId);
        throw error;
      }
      this.metrics.dataAge.set(Math.max(0, (this.clock() - fetchedAt) / 1000));
      this.logger.debug({ cycle_id: cycleId, events: events.length }, 'Queued stream snapshots');
    }
  }

  /** True when some market of the event differs from what was last queued; remembers it as queued. */
  private takeIfChanged(event: EventSnapshot): boolean {
    const prints = event.markets.map((market) => [market.conditionId, marketFingerprint(market)] as const);
    if (prints.every(([conditionId, print]) => this.queued.get(conditionId) === print)) return false;
    for (const [conditionId, print] of prints) this.queued.set(conditionId, print);
    return true;
  }

  private countConnections(): void {
    const states = this.stream?.connectionStates() ?? { connecting: 0, open: 0, reconnecting: 0, closed: 0 };
    for (const [state, count] of Object.entries(states)) this.metrics.streamConnections.set({ state }, count);
  }
}
