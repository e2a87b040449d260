import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { formatMills, formatSize } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import type { WorldChange } from '../world/world.types';
import { bestBidAskChanges, bookEvent, priceChanges } from './market-events.builder';

export const MARKET_CHANNEL_PATH = '/ws/market';

interface Subscription {
  readonly type?: unknown;
  readonly operation?: unknown;
  readonly assets_ids?: unknown;
  readonly initial_dump?: unknown;
  readonly custom_feature_enabled?: unknown;
}

interface ClientState {
  readonly assets: Set<string>;
  /** Set by `custom_feature_enabled`: the client also wants `best_bid_ask` events. */
  customFeatures: boolean;
}

/**
 * The CLOB market channel: a book dump on subscribe (one array of `book` events, as the venue
 * sends it), then `price_change`, `tick_size_change` and `market_resolved` as single objects.
 */
export class MarketChannel {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly subscriptions = new Map<WebSocket, ClientState>();
  /** Per token, the sockets subscribed to it: a change is sent where it is heard, not offered to every socket. */
  private readonly subscribers = new Map<string, Set<WebSocket>>();
  /** Book changes still to be lost before the channel reports them again (see loseBookChanges). */
  private lostChangesLeft = 0;

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
    this.subscribers.clear();
    return count;
  }

  /**
   * The next `count` book changes reach no client, like frames lost upstream of the venue's
   * websocket: every subscriber's local book drifts from the venue's until it re-reads the book.
   */
  loseBookChanges(count: number): void {
    this.lostChangesLeft = count;
  }

  get bookChangesToLose(): number {
    return this.lostChangesLeft;
  }

  async close(): Promise<void> {
    this.disconnectAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  readonly onWorldChange = (change: WorldChange): void => {
    const market = change.market;
    // Most of a random walk's changes reach one socket, and none with nobody subscribed: find the
    // sockets first, so an unheard change costs no book diff, hash or formatting.
    const sockets = this.socketsFor(change.kind === 'trade' ? [change.tokenId] : market.tokenIds);
    if (sockets.length === 0) return;
    const timestamp = String(this.world().now());
    if (change.kind === 'book') {
      if (this.lostChangesLeft > 0) {
        this.lostChangesLeft -= 1;
        return;
      }
      const changes = priceChanges(market, change.before);
      if (changes.length === 0) return;
      this.send(sockets, (client) => {
        const mine = changes.filter((c) => client.assets.has(c.asset_id));
        return mine.length ? { event_type: 'price_change', market: market.conditionId, timestamp, price_changes: mine } : null;
      });
      if (!sockets.some((socket) => this.subscriptions.get(socket)?.customFeatures)) return;
      for (const top of bestBidAskChanges(market, change.before)) {
        const event = { event_type: 'best_bid_ask', market: market.conditionId, ...top, timestamp };
        this.send(sockets, (client) => (client.customFeatures && client.assets.has(top.asset_id) ? event : null));
      }
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
        this.send(sockets, (client) => (client.assets.has(tokenId) ? event : null));
      }
    } else if (change.kind === 'trade') {
      const event = {
        event_type: 'last_trade_price',
        market: market.conditionId,
        asset_id: change.tokenId,
        fee_rate_bps: '0',
        price: formatMills(change.priceMills),
        side: change.side,
        size: formatSize(change.size),
        timestamp,
      };
      this.send(sockets, () => event);
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
      this.send(sockets, () => event);
    }
  };

  /** The open sockets subscribed to any of these tokens, each once. */
  private socketsFor(tokenIds: readonly string[]): WebSocket[] {
    const found: WebSocket[] = [];
    for (const tokenId of tokenIds) {
      for (const socket of this.subscribers.get(tokenId) ?? []) {
        if (socket.readyState === WebSocket.OPEN && !found.includes(socket)) found.push(socket);
      }
    }
    return found;
  }

  private send(sockets: readonly WebSocket[], build: (client: ClientState) => object | null): void {
    for (const socket of sockets) {
      const client = this.subscriptions.get(socket);
      const message = client ? build(client) : null;
      if (message) socket.send(JSON.stringify(message));
    }
  }

  private subscribe(socket: WebSocket, client: ClientState, assets: readonly string[]): void {
    for (const asset of assets) {
      client.assets.add(asset);
      let sockets = this.subscribers.get(asset);
      if (!sockets) this.subscribers.set(asset, (sockets = new Set()));
      sockets.add(socket);
    }
  }

  private unsubscribe(socket: WebSocket, assets: Iterable<string>): void {
    const client = this.subscriptions.get(socket);
    for (const asset of assets) {
      client?.assets.delete(asset);
      const sockets = this.subscribers.get(asset);
      sockets?.delete(socket);
      if (sockets?.size === 0) this.subscribers.delete(asset);
    }
  }

  private forget(socket: WebSocket): void {
    const client = this.subscriptions.get(socket);
    if (client) this.unsubscribe(socket, [...client.assets]);
    this.subscriptions.delete(socket);
  }

  private onConnection(socket: WebSocket): void {
    this.subscriptions.set(socket, { assets: new Set(), customFeatures: false });
    socket.on('message', (data: RawData) => this.onMessage(socket, data.toString()));
    socket.on('close', () => this.forget(socket));
    socket.on('error', () => this.forget(socket));
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
    const client = this.subscriptions.get(socket);
    const kind = typeof message.type === 'string' ? message.type.toLowerCase() : message.operation;
    if (!assets || !client || (kind !== 'market' && kind !== 'subscribe' && kind !== 'unsubscribe')) {
      return void socket.send('INVALID OPERATION');
    }
    if (kind === 'unsubscribe') return this.unsubscribe(socket, assets);
    this.subscribe(socket, client, assets);
    if (message.custom_feature_enabled === true) client.customFeatures = true;
    if (message.initial_dump === false) return;
    const world = this.world();
    const books = assets.map((a) => bookEvent(world, a)).filter((b) => b !== null);
    if (books.length) socket.send(JSON.stringify(books));
  }
}
