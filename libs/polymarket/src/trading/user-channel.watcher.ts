import { WebSocket } from 'ws';

export interface UserChannelOptions {
  /** The CLOB websocket base (POLYBOT_CLOB_WS_URL); the user channel is `${wsUrl}/user`. */
  readonly wsUrl: string;
  readonly auth: () => Promise<{ readonly apiKey: string; readonly secret: string; readonly passphrase: string }>;
  readonly onIssue?: (issue: string) => void;
  readonly pingIntervalMs?: number;
  readonly reconnectDelayMs?: number;
}

interface Waiter {
  readonly orderId: string;
  readonly resolve: () => void;
}

const DEFAULT_PING_MS = 10_000;
const DEFAULT_RECONNECT_MS = 2_000;

/** Order ids an `order` or `trade` event on the user channel is about. */
export function orderIdsOf(event: unknown): string[] {
  if (typeof event !== 'object' || event === null) return [];
  const e = event as Record<string, unknown>;
  const ids: string[] = [];
  if (e.event_type === 'order' && typeof e.id === 'string') ids.push(e.id);
  if (e.event_type === 'trade') {
    if (typeof e.taker_order_id === 'string') ids.push(e.taker_order_id);
    if (Array.isArray(e.maker_orders)) {
      for (const maker of e.maker_orders) {
        if (typeof maker === 'object' && maker !== null && typeof (maker as Record<string, unknown>).order_id === 'string') ids.push((maker as Record<string, string>).order_id);
      }
    }
  }
  return ids;
}

/**
 * The CLOB user channel as a wake-up call: `wake(orderId, ms)` resolves when an order or trade event
 * about that order arrives, or after `ms` anyway. Fill tracking itself always reads the REST
 * endpoints, so a silent, refused or dropped websocket only makes the follower poll at its pace.
 */
export class UserChannelWatcher {
  private socket: WebSocket | null = null;
  private ping: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly options: UserChannelOptions) {}

  wake(orderId: string, timeoutMs: number): Promise<void> {
    this.ensureConnected();
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        orderId,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resolve, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    this.stop();
    for (const waiter of [...this.waiters]) waiter.resolve();
  }

  private ensureConnected(): void {
    if (this.closed || this.socket || this.reconnect) return;
    const socket = new WebSocket(`${this.options.wsUrl.replace(/\/+$/, '')}/user`);
    this.socket = socket;
    socket.on('open', () => {
      void this.options
        .auth()
        .then((auth) => socket.send(JSON.stringify({ auth, type: 'user', markets: [] })))
        .catch(() => this.issue('user channel: no API credentials to subscribe with'));
      this.ping = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send('PING'), this.options.pingIntervalMs ?? DEFAULT_PING_MS);
      this.ping.unref();
    });
    socket.on('message', (data) => this.onMessage(data.toString()));
    socket.on('error', () => this.issue('user channel: websocket error; polling continues'));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.stop();
      if (this.closed) return;
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        if (this.waiters.size > 0) this.ensureConnected();
      }, this.options.reconnectDelayMs ?? DEFAULT_RECONNECT_MS);
      this.reconnect.unref();
    });
  }

  private onMessage(text: string): void {
    if (text === 'PONG') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    const ids = new Set((Array.isArray(parsed) ? parsed : [parsed]).flatMap(orderIdsOf));
    for (const waiter of [...this.waiters]) if (ids.has(waiter.orderId)) waiter.resolve();
  }

  private stop(): void {
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }

  private issue(text: string): void {
    try {
      this.options.onIssue?.(text);
    } catch {
      // Reporting must not break the watcher.
    }
  }
}
