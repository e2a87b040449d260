import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import { WebSocket, type RawData } from 'ws';

export type StreamConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ShardConnectionOptions {
  readonly url: string;
  readonly pingIntervalMs: number;
  readonly silenceMs: number;
  readonly initialReconnectDelayMs: number;
  readonly maxReconnectDelayMs: number;
  readonly now: () => number;
}

export interface ShardConnectionHandlers {
  onFrame(text: string, receivedAt: number): void;
  onState(state: StreamConnectionState, previous: StreamConnectionState): void;
  onIssue(issue: string): void;
}

const MAX_WATCHDOG_PERIOD_MS = 1_000;

/**
 * One market channel connection for a shard of tokens. Subscribes on every (re)connect with
 * `initial_dump`, so local books are re-snapshotted after a gap; pings to keep the venue from
 * closing it; treats a connection silent for `silenceMs` as dead (the venue's websockets can stall
 * without closing) and reconnects with exponential backoff and jitter.
 */
export class MarketShardConnection {
  private socket: WebSocket | null = null;
  private state: StreamConnectionState = 'connecting';
  /** Each followed token's id, mapped to itself: the one string every local structure keys it by. */
  private readonly assets = new Map<string, string>();
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private backoff: IBackoff<unknown> | null = null;
  private lastHeardAt = 0;
  private pingTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private connects = 0;

  constructor(
    readonly index: number,
    private readonly options: ShardConnectionOptions,
    private readonly handlers: ShardConnectionHandlers,
  ) {
    this.backoffFactory = new ExponentialBackoff({ initialDelay: options.initialReconnectDelayMs, maxDelay: options.maxReconnectDelayMs });
  }

  get connectionState(): StreamConnectionState {
    return this.state;
  }

  get assetCount(): number {
    return this.assets.size;
  }

  /** Epoch ms the venue last spoke on this connection (a frame of any kind), or it (re)opened. */
  get heardAt(): number {
    return this.lastHeardAt;
  }

  /** How many times a socket was opened (1 + reconnects). */
  get connectCount(): number {
    return this.connects;
  }

  /** The id string this shard was given for the token, undefined when it does not follow it. */
  subscribedId(assetId: string): string | undefined {
    return this.assets.get(assetId);
  }

  assetIds(): string[] {
    return [...this.assets.keys()];
  }

  start(): void {
    this.connect();
    const period = Math.min(MAX_WATCHDOG_PERIOD_MS, Math.max(10, Math.floor(this.options.silenceMs / 4)));
    this.watchdog = setInterval(() => this.checkSilence(), period);
    this.watchdog.unref();
  }

  /** Adds tokens; an open connection subscribes to them at once (with their book snapshots). */
  add(assetIds: readonly string[]): void {
    const added = assetIds.filter((assetId) => !this.assets.has(assetId));
    for (const assetId of added) this.assets.set(assetId, assetId);
    if (added.length > 0) this.send({ operation: 'subscribe', assets_ids: added, initial_dump: true, custom_feature_enabled: true });
  }

  remove(assetIds: readonly string[]): void {
    const removed = assetIds.filter((assetId) => this.assets.delete(assetId));
    if (removed.length > 0) this.send({ operation: 'unsubscribe', assets_ids: removed });
  }

  /** Asks the venue for fresh `book` snapshots of tokens whose local book went wrong. */
  requestSnapshots(assetIds: readonly string[]): void {
    const known = assetIds.filter((assetId) => this.assets.has(assetId));
    if (known.length > 0) this.send({ operation: 'subscribe', assets_ids: known, initial_dump: true, custom_feature_enabled: true });
  }

  /** Sends a raw text frame (PING, or a test's own frame). False when the connection is not open. */
  sendText(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  close(): void {
    this.stopped = true;
    for (const timer of [this.pingTimer, this.reconnectTimer]) if (timer) clearTimeout(timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.pingTimer = this.reconnectTimer = this.watchdog = null;
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    this.socket = null;
    this.setState('closed');
  }

  private send(message: object): void {
    this.sendText(JSON.stringify(message));
  }

  private connect(): void {
    if (this.stopped) return;
    this.connects += 1;
    this.lastHeardAt = this.options.now();
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data: RawData) => this.onMessage(socket, data));
    socket.on('error', (error: Error) => this.handlers.onIssue(`market channel shard ${this.index}: ${error.message}`));
    socket.on('close', () => this.onClose(socket));
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.lastHeardAt = this.options.now();
    this.setState('open');
    socket.send(JSON.stringify({ type: 'market', assets_ids: [...this.assets.keys()], initial_dump: true, custom_feature_enabled: true }));
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.sendText('PING'), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private onMessage(socket: WebSocket, data: RawData): void {
    if (socket !== this.socket) return;
    const receivedAt = this.options.now();
    this.lastHeardAt = receivedAt;
    // The backoff restarts only once the venue talks: a socket that opens and then stalls keeps backing off.
    this.backoff = null;
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
    this.handlers.onFrame(text, receivedAt);
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.scheduleReconnect('closed by the venue');
  }

  private checkSilence(): void {
    if (this.stopped || this.state === 'reconnecting') return;
    const silentMs = this.options.now() - this.lastHeardAt;
    if (silentMs < this.options.silenceMs) return;
    this.scheduleReconnect(`silent for ${Math.round(silentMs)} ms (limit ${this.options.silenceMs} ms)`);
  }

  private scheduleReconnect(why: string): void {
    if (this.stopped) return;
    const old = this.socket;
    this.socket = null;
    if (old) {
      old.removeAllListeners();
      old.on('error', () => undefined);
      old.terminate();
    }
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffFactory.next();
    const delayMs = Math.round(this.backoff.duration);
    this.handlers.onIssue(`market channel shard ${this.index}: ${why}; reconnecting in ${delayMs} ms`);
    this.setState('reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.setState('connecting');
      this.connect();
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private setState(next: StreamConnectionState): void {
    const previous = this.state;
    if (previous === next) return;
    this.state = next;
    this.handlers.onState(next, previous);
  }
}
