import type { OrderBook } from '@polybot/domain';
import type { CompactBook } from '../book/compact-book';
import { LocalBooks, type BookResync } from './local-books.store';
import { parseMarketFrame, type StreamMarketResolution } from './market-message.wire';
import { MarketShardConnection, type StreamConnectionState } from './market-shard.connection';

export interface MarketStreamOptions {
  /** The market channel, e.g. `wss://ws-subscriptions-clob.polymarket.com/ws/market`. */
  readonly url: string;
  /** The venue serves about 500 assets per connection. */
  readonly maxAssetsPerConnection?: number;
  readonly pingIntervalMs?: number;
  /** No message for this long means the connection stalled: it is replaced. */
  readonly silenceMs?: number;
  /**
   * At most one report of changes per this many ms. A change after a quiet spell is reported once
   * the frames read in the same event-loop turn are applied (no added latency); under a stream of
   * changes they are gathered until the window since the last report ends, so a busy universe costs
   * one rebuild and one queued batch per window, not one per message. 0 reports every turn.
   */
  readonly coalesceMs?: number;
  readonly initialReconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  readonly now?: () => number;
}

/** An event's kind ('book', 'price_change', …), the venue's event_type for events we only count, 'pong' or 'malformed'. */
export type MarketStreamEventType = string;

type Listener<T extends unknown[]> = (...args: T) => void;

const DEFAULTS = {
  maxAssetsPerConnection: 500,
  pingIntervalMs: 10_000,
  silenceMs: 30_000,
  coalesceMs: 5,
  initialReconnectDelayMs: 250,
  maxReconnectDelayMs: 30_000,
};

/**
 * Live books for a universe of tokens from the CLOB market channel, sharded over connections of at
 * most `maxAssetsPerConnection` tokens. Every message is validated; a malformed one is reported
 * through `onIssue` and skipped. Changed tokens are reported in batches through `onChange`.
 */
export class MarketStream {
  private readonly options: Required<MarketStreamOptions>;
  private readonly books = new LocalBooks();
  private readonly shards: MarketShardConnection[] = [];
  private readonly shardOf = new Map<string, MarketShardConnection>();
  /** When each open connection (re)opened: only a book heard since then is live. */
  private readonly openedAt = new Map<MarketShardConnection, number>();
  private nextShardIndex = 0;
  private pendingChanges = new Set<string>();
  /** Cancels the scheduled report of pending changes; null when none is scheduled. */
  private cancelFlush: (() => void) | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly changeListeners = new Set<Listener<[string[]]>>();
  private readonly issueListeners = new Set<Listener<[string]>>();
  private readonly messageListeners = new Set<Listener<[MarketStreamEventType]>>();
  private readonly stateListeners = new Set<Listener<[StreamConnectionState, StreamConnectionState | null]>>();

  constructor(options: MarketStreamOptions) {
    this.options = { ...DEFAULTS, now: Date.now, ...options };
    if (!(Number.isInteger(this.options.maxAssetsPerConnection) && this.options.maxAssetsPerConnection > 0)) {
      throw new RangeError(`maxAssetsPerConnection must be a positive integer, got ${this.options.maxAssetsPerConnection}`);
    }
  }

  /** Tokens that changed (book, tick size, resolution), at most one call per `coalesceMs`. */
  onChange(listener: (assetIds: string[]) => void): () => void {
    return this.listen(this.changeListeners, listener);
  }

  /** Malformed messages, books that went wrong, connection trouble: one readable line each. */
  onIssue(listener: (issue: string) => void): () => void {
    return this.listen(this.issueListeners, listener);
  }

  /** Every event received, by type (for counting). */
  onMessage(listener: (eventType: MarketStreamEventType) => void): () => void {
    return this.listen(this.messageListeners, listener);
  }

  /** A connection moved from `previous` (null for a new connection) to `state`. */
  onConnectionState(listener: (state: StreamConnectionState, previous: StreamConnectionState | null) => void): () => void {
    return this.listen(this.stateListeners, listener);
  }

  /**
   * Follows exactly these tokens. Shards whose tokens did not change are left alone; removed tokens
   * are unsubscribed and forgotten; new tokens fill shards with room before a new connection opens.
   */
  setAssets(assetIds: Iterable<string>): void {
    if (this.closed) return;
    const wanted = new Set(assetIds);
    const removed = [...this.shardOf.keys()].filter((assetId) => !wanted.has(assetId));
    const byShard = new Map<MarketShardConnection, string[]>();
    for (const assetId of removed) {
      const shard = this.shardOf.get(assetId)!;
      byShard.set(shard, [...(byShard.get(shard) ?? []), assetId]);
      this.shardOf.delete(assetId);
    }
    for (const [shard, ids] of byShard) shard.remove(ids);
    this.books.forget(removed);
    for (const shard of this.shards.filter((candidate) => candidate.assetCount === 0)) this.dropShard(shard);

    const added = [...wanted].filter((assetId) => !this.shardOf.has(assetId));
    let next = 0;
    for (const shard of this.shards) {
      const room = this.options.maxAssetsPerConnection - shard.assetCount;
      if (room <= 0 || next >= added.length) continue;
      const ids = added.slice(next, next + room);
      next += ids.length;
      shard.add(ids);
      for (const assetId of ids) this.shardOf.set(assetId, shard);
    }
    while (next < added.length) {
      const ids = added.slice(next, next + this.options.maxAssetsPerConnection);
      next += ids.length;
      const shard = this.openShard();
      shard.add(ids);
      for (const assetId of ids) this.shardOf.set(assetId, shard);
      shard.start();
    }
  }

  assetIds(): string[] {
    return [...this.shardOf.keys()];
  }

  /** The token's local book, expanded into levels (for inspection; quotes read `compactBook`). */
  book(assetId: string): OrderBook | undefined {
    return this.books.book(assetId);
  }

  compactBook(assetId: string): CompactBook | undefined {
    return this.books.compactBook(assetId);
  }

  /** A full re-sync's REST book against the local one (see LocalBooks.resync). */
  resyncBook(assetId: string, rest: CompactBook): BookResync {
    return this.books.resync(assetId, rest);
  }

  /**
   * True while the stream keeps the token's book live: followed, its connection open, and heard from
   * since that connection (re)opened (a reconnect's initial dump re-snapshots it). An ingest cycle
   * need not fetch such a book over REST.
   */
  isLive(assetId: string): boolean {
    return this.liveShard(assetId, this.books.lastMessageAt(assetId)) !== undefined;
  }

  /** Epoch ms the newest message about the token arrived. */
  lastMessageAt(assetId: string): number | undefined {
    return this.books.lastMessageAt(assetId);
  }

  /**
   * Epoch ms up to which the token's local book is known to be the venue's: while the stream keeps
   * it live (isLive), the newest frame of any kind its connection delivered, since the venue sends
   * every change of a subscribed book in order on that connection, so a quiet book is as current as
   * the connection's last word; otherwise its own newest message. Undefined before any message.
   */
  currentAsOf(assetId: string): number | undefined {
    const heardAt = this.books.lastMessageAt(assetId);
    if (heardAt === undefined) return undefined;
    const shard = this.liveShard(assetId, heardAt);
    return shard ? Math.max(heardAt, shard.heardAt) : heardAt;
  }

  /** The connection keeping the token's book live (see isLive), given when the token was last heard. */
  private liveShard(assetId: string, heardAt: number | undefined): MarketShardConnection | undefined {
    const shard = this.shardOf.get(assetId);
    const openedAt = shard ? this.openedAt.get(shard) : undefined;
    if (openedAt === undefined || heardAt === undefined || heardAt < openedAt || this.books.compactBook(assetId) === undefined) return undefined;
    return shard;
  }

  resolution(conditionId: string): StreamMarketResolution | undefined {
    return this.books.resolution(conditionId);
  }

  connectionCount(): number {
    return this.shards.length;
  }

  connectionStates(): Record<StreamConnectionState, number> {
    const counts: Record<StreamConnectionState, number> = { connecting: 0, open: 0, reconnecting: 0, closed: 0 };
    for (const shard of this.shards) counts[shard.connectionState] += 1;
    return counts;
  }

  /** Socket opens per connection, in shard order (1 each until something reconnects). */
  connectCounts(): number[] {
    return this.shards.map((shard) => shard.connectCount);
  }

  close(): void {
    this.closed = true;
    this.cancelFlush?.();
    this.cancelFlush = null;
    for (const shard of [...this.shards]) this.dropShard(shard);
    this.shardOf.clear();
  }

  private openShard(): MarketShardConnection {
    const shard: MarketShardConnection = new MarketShardConnection(
      this.nextShardIndex++,
      {
        url: this.options.url,
        pingIntervalMs: this.options.pingIntervalMs,
        silenceMs: this.options.silenceMs,
        initialReconnectDelayMs: this.options.initialReconnectDelayMs,
        maxReconnectDelayMs: this.options.maxReconnectDelayMs,
        now: this.options.now,
      },
      {
        onFrame: (text, receivedAt) => this.onFrame(shard, text, receivedAt),
        onState: (state, previous) => {
          if (state === 'open') this.openedAt.set(shard, this.options.now());
          else this.openedAt.delete(shard);
          this.emit(this.stateListeners, state, previous);
        },
        onIssue: (issue) => this.emit(this.issueListeners, issue),
      },
    );
    this.shards.push(shard);
    this.emit(this.stateListeners, shard.connectionState, null);
    return shard;
  }

  private dropShard(shard: MarketShardConnection): void {
    this.shards.splice(this.shards.indexOf(shard), 1);
    shard.close();
    this.openedAt.delete(shard);
  }

  private onFrame(shard: MarketShardConnection, text: string, receivedAt: number): void {
    const frame = parseMarketFrame(text);
    if (frame.pong) this.emit(this.messageListeners, 'pong');
    for (const issue of frame.issues) {
      this.emit(this.messageListeners, 'malformed');
      this.emit(this.issueListeners, `shard ${shard.index}: ${issue}`);
    }
    const resync = new Set(frame.suspectAssetIds);
    for (const event of frame.events) {
      this.emit(this.messageListeners, event.kind === 'other' ? event.eventType : event.kind);
      const applied = this.books.apply(event, receivedAt, (assetId) => shard.subscribedId(assetId));
      for (const issue of applied.issues) this.emit(this.issueListeners, `shard ${shard.index}: ${issue}`);
      for (const assetId of applied.resync) resync.add(assetId);
      for (const assetId of applied.changed) this.pendingChanges.add(assetId);
    }
    if (resync.size > 0) shard.requestSnapshots([...resync]);
    if (this.pendingChanges.size > 0 && !this.cancelFlush) this.cancelFlush = this.scheduleFlush();
  }

  private scheduleFlush(): () => void {
    const flush = () => this.flushChanges();
    const windowLeftMs = Math.min(this.options.coalesceMs, this.lastFlushAt + this.options.coalesceMs - this.options.now());
    if (windowLeftMs > 0) {
      const timer = setTimeout(flush, windowLeftMs);
      return () => clearTimeout(timer);
    }
    const immediate = setImmediate(flush);
    return () => clearImmediate(immediate);
  }

  private flushChanges(): void {
    this.cancelFlush = null;
    this.lastFlushAt = this.options.now();
    const changed = [...this.pendingChanges].filter((assetId) => this.shardOf.has(assetId));
    this.pendingChanges = new Set();
    if (changed.length > 0) this.emit(this.changeListeners, changed);
  }

  private listen<T extends unknown[]>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit<T extends unknown[]>(set: Set<Listener<T>>, ...args: T): void {
    for (const listener of set) {
      try {
        listener(...args);
      } catch (error) {
        // A failing listener must not take the connection down with it.
        if (set !== (this.issueListeners as unknown)) this.emit(this.issueListeners, `market stream listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
