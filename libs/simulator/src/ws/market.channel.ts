import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { formatMills } from '../world/price.format';
import type { SimWorld } from '../world/sim-world';
import type { WorldChange } from '../world/world.types';
import { bookEvent, priceChanges } from './market-events';

export const MARKET_CHANNEL_PATH = '/ws/market';

interface Subscription {
  readonly type?: unknown;
  readonly operation?: unknown;
  readonly assets_ids?: unknown;
  readonly initial_dump?: unknown;
}

/**
 * The CLOB market channel: a book dump on subscribe (one array of `book` events, as the venue
 * sends it), then `price_change`, `tick_size_change` and `market_resolved` as single objects.
 */
export class MarketChannel {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subscriptions = new Map<WebSocket, Set<string>>();

  constructor(private readonly world: () => SimWorld) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.subscriptions.size;
  }

  /** Drops every connection abruptly, like a venue hiccup. */
  disconnectAll(): number {
    const count = this.subscriptions.size;
    for (const socket of this.subscriptions.keys()) socket.terminate();
    this.subscriptions.clear();
    return count;
  }

  async close(): Promise<void> {
    this.disconnectAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  readonly onWorldChange = (change: WorldChange): void => {
    const market = change.market;
    const timestamp = String(this.world().now());
    if (change.kind === 'book') {
      const changes = priceChanges(market, change.before);
      if (changes.length === 0) return;
      this.fanOut(market.tokenIds, (subscribed) => {
        const mine = changes.filter((c) => subscribed.has(c.asset_id));
        return mine.length ? { event_type: 'price_change', market: market.conditionId, timestamp, price_changes: mine } : null;
      });
    } else if (change.kind === 'tick_size') {
      for (const tokenId of market.tokenIds) {
        const event = {
          event_type: 'tick_size_change',
          asset_id: tokenId,
          market: market.conditionId,
          old_tick_size: formatMills(change.oldTickMills),
          new_tick_size: formatMills(market.tickMills),
          timestamp,
        };
        this.fanOut([tokenId], () => event);
      }
    } else {
      const winner = market.winningOutcomeIndex ?? 0;
      const event = {
        event_type: 'market_resolved',
        id: market.id,
        market: market.conditionId,
        assets_ids: [...market.tokenIds],
        winning_asset_id: market.tokenIds[winner],
        winning_outcome: market.outcomes[winner],
        timestamp,
        tags: (this.world().eventOf(market)?.tags ?? []).map((t) => t.slug),
      };
      this.fanOut(market.tokenIds, () => event);
    }
  };

  private fanOut(tokenIds: readonly string[], build: (subscribed: Set<string>) => object | null): void {
    for (const [socket, subscribed] of this.subscriptions) {
      if (socket.readyState !== WebSocket.OPEN || !tokenIds.some((t) => subscribed.has(t))) continue;
      const message = build(subscribed);
      if (message) socket.send(JSON.stringify(message));
    }
  }

  private onConnection(socket: WebSocket): void {
    this.subscriptions.set(socket, new Set());
    socket.on('message', (data: RawData) => this.onMessage(socket, data.toString()));
    socket.on('close', () => this.subscriptions.delete(socket));
    socket.on('error', () => this.subscriptions.delete(socket));
  }

  private onMessage(socket: WebSocket, text: string): void {
    if (text === 'PING') return void socket.send('PONG');
    let message: Subscription;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      message = parsed as Subscription;
    } catch {
      return void socket.send('INVALID OPERATION');
    }
    const assets = Array.isArray(message.assets_ids) ? message.assets_ids.filter((a): a is string => typeof a === 'string') : null;
    const subscribed = this.subscriptions.get(socket);
    const kind = typeof message.type === 'string' ? message.type.toLowerCase() : message.operation;
    if (!assets || !subscribed || (kind !== 'market' && kind !== 'subscribe' && kind !== 'unsubscribe')) {
      return void socket.send('INVALID OPERATION');
    }
    if (kind === 'unsubscribe') {
      for (const asset of assets) subscribed.delete(asset);
      return;
    }
    for (const asset of assets) subscribed.add(asset);
    if (message.initial_dump === false) return;
    const world = this.world();
    const books = assets.map((a) => bookEvent(world, a)).filter((b) => b !== null);
    if (books.length) socket.send(JSON.stringify(books));
  }
}
