import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { ApiKeyRegistry } from '../auth/api-credentials';
import { UNAUTHORIZED } from '../auth/l2-auth.verifier';
import type { ExchangeEvent } from '../exchange/exchange.types';
import { userOrderEvent, userTradeEvent } from '../wire/clob-order.serializer';

export const USER_CHANNEL_PATH = '/ws/user';
/** Policy violation: the close code for refused auth. */
const CLOSE_UNAUTHORIZED = 1008;

interface UserClient {
  readonly apiKey: string;
  /** Condition ids; empty means every market. */
  readonly markets: Set<string>;
}

/**
 * The CLOB user channel: authenticate with the API creds in the first message, then receive your
 * own `order` (PLACEMENT / UPDATE / CANCELLATION) and `trade` (MATCHED, MINED, CONFIRMED) events.
 */
export class UserChannel {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Map<WebSocket, UserClient | null>();

  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly clock: () => number,
  ) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  disconnectAll(): number {
    const count = this.clients.size;
    for (const socket of this.clients.keys()) socket.terminate();
    this.clients.clear();
    return count;
  }

  async close(): Promise<void> {
    this.disconnectAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  readonly onExchangeEvent = (event: ExchangeEvent): void => {
    const source = event.kind === 'order' ? event.order : event.trade;
    const now = this.clock();
    const message = JSON.stringify(event.kind === 'order' ? userOrderEvent(event.type, event.order, now) : userTradeEvent(event.trade, now));
    for (const [socket, client] of this.clients) {
      if (!client || socket.readyState !== WebSocket.OPEN || client.apiKey !== source.owner) continue;
      if (client.markets.size > 0 && !client.markets.has(source.conditionId)) continue;
      socket.send(message);
    }
  };

  private onConnection(socket: WebSocket): void {
    this.clients.set(socket, null);
    socket.on('message', (data: RawData) => this.onMessage(socket, data.toString()));
    socket.on('close', () => this.clients.delete(socket));
    socket.on('error', () => this.clients.delete(socket));
  }

  private onMessage(socket: WebSocket, text: string): void {
    if (text === 'PING') return void socket.send('PONG');
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      return void socket.send('INVALID OPERATION');
    }
    const markets = Array.isArray(message.markets) ? message.markets.filter((m): m is string => typeof m === 'string') : [];
    const current = this.clients.get(socket);
    if (current && (message.operation === 'subscribe' || message.operation === 'unsubscribe')) {
      for (const m of markets) {
        if (message.operation === 'subscribe') current.markets.add(m);
        else current.markets.delete(m);
      }
      return;
    }
    const apiKey = this.authenticate(message.auth);
    if (!apiKey || String(message.type).toLowerCase() !== 'user') {
      socket.send(JSON.stringify({ error: UNAUTHORIZED }));
      return void socket.close(CLOSE_UNAUTHORIZED, UNAUTHORIZED);
    }
    this.clients.set(socket, { apiKey, markets: new Set(markets) });
  }

  private authenticate(auth: unknown): string | null {
    if (!auth || typeof auth !== 'object') return null;
    const { apiKey, secret, passphrase } = auth as Record<string, unknown>;
    if (typeof apiKey !== 'string') return null;
    const creds = this.keys.lookup(apiKey);
    return creds && creds.secret === secret && creds.passphrase === passphrase ? apiKey : null;
  }
}
