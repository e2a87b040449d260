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
      this.fanOut(market.tokenIds, (client) => {
        const mine = changes.filter((c) => client.assets.has(c.asset_id));
        return mine.length ? { event_type: 'price_change', market: market.conditionId, timestamp, price_changes: mine } : null;
      });
      for (const top of bestBidAskChanges(market, change.before)) {
        const event = { event_type: 'best_bid_ask', market: market.conditionId, ...top, timestamp };
        this.fanOut([top.asset_id], (client) => (client.customFeatures ? event : null));
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
        this.fanOut([tokenId], () => event);
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
      this.fanOut([change.tokenId], () => event);
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

  private fanOut(tokenIds: readonly string[], build: (client: ClientState) => object | null): void {
    for (const [socket, client] of this.subscriptions) {
      if (socket.readyState !== WebSocket.OPEN || !tokenIds.some((t) => client.assets.has(t))) continue;
      const message = build(client);
      if (message) socket.send(JSON.stringify(message));
    }
  }

  private onConnection(socket: WebSocket): void {
    this.subscriptions.set(socket, { assets: new Set(), customFeatures: false });
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
    const client = this.subscriptions.get(socket);
    const kind = typeof message.type === 'string' ? message.type.toLowerCase() : message.operation;
    if (!assets || !client || (kind !== 'market' && kind !== 'subscribe' && kind !== 'unsubscribe')) {
      return void socket.send('INVALID OPERATION');
    }
    if (kind === 'unsubscribe') {
      for (const asset of assets) client.assets.delete(asset);
      return;
    }
    for (const asset of assets) client.assets.add(asset);
    if (message.custom_feature_enabled === true) client.customFeatures = true;
    if (message.initial_dump === false) return;
    const world = this.world();
    const books = assets.map((a) => bookEvent(world, a)).filter((b) => b !== null);
    if (books.length) socket.send(JSON.stringify(books));
  }
}
