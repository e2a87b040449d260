import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeyRegistry } from './auth/api-credentials';
import { SimChain } from './chain/sim-chain';
import { AccountLedger } from './exchange/account.ledger';
import { SimExchange } from './exchange/sim-exchange';
import { FaultRegistry, type FaultSpec } from './faults/fault.registry';
import { adminRouter } from './http/admin.routes';
import { authRouter } from './http/auth.routes';
import { clobAccountRouter } from './http/clob-account.routes';
import { clobMarketInfoRouter } from './http/clob-market-info.routes';
import { jsonRpcRouter } from './http/json-rpc.routes';
import { keepRawBody } from './http/raw-body.store';
import { errorHandler } from './http/bad-request.error';
import { clobRouter } from './http/clob.routes';
import { dataApiRouter } from './http/data-api.routes';
import { faultMiddleware } from './http/fault.middleware';
import { gammaRouter } from './http/gamma.routes';
import { OrderRecorder } from './http/order.recorder';
import { orderRouter } from './http/order.routes';
import { RequestLog } from './http/request-count.log';
import { resolveMarket } from './scenarios/market-resolution.scenario';
import { injectMispricing } from './scenarios/mispricing.scenario';
import { setPrice } from './scenarios/price-move.scenario';
import { spreadSpike } from './scenarios/spread-spike.scenario';
import type { SimulatorControls, SimulatorState } from './simulator.controls';
import { walkPrices } from './world/price.walk';
import type { SimWorld } from './world/sim-world.state';
import { generateWorld } from './world/world.generator';
import { MICRO } from './venue/polygon.contracts';
import { MARKET_CHANNEL_PATH, MarketChannel } from './ws/market.channel';
import { USER_CHANNEL_PATH, UserChannel } from './ws/user.channel';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly seed?: number;
  readonly events?: number;
  /** Random-walk period; 0 disables the timer (call tick() instead). Default 1000. */
  readonly tickIntervalMs?: number;
  /**
   * Steps the walk takes per period, each over an equal share of the events: a venue's changes
   * arrive spread out, not as one burst of the whole universe. Default 1 (one burst).
   */
  readonly walkSteps?: number;
  /** The world's clock at generation (epoch ms); pass it to get byte-identical worlds. */
  readonly now?: number;
  /** pUSD every address holds until /_sim/accounts sets it. Default 1000. */
  readonly startingBalanceUsd?: number;
  /** Time between a trade's MATCHED, MINED and CONFIRMED. Default 300 ms. */
  readonly settlementStepMs?: number;
}

export interface RunningSimulator extends SimulatorControls {
  readonly url: string;
  readonly gammaUrl: string;
  readonly clobUrl: string;
  readonly dataApiUrl: string;
  /** ws://host:port/ws; the market channel is `${wsUrl}/market`. */
  readonly wsUrl: string;
  /** Polygon JSON-RPC (chain id 137): balances and redeem transactions. */
  readonly rpcUrl: string;
  readonly port: number;
  readonly world: SimWorld;
  close(): Promise<void>;
}

const BODY_LIMIT = '5mb';

/** A local Polymarket (Gamma, CLOB REST, Data API, market websocket) on one port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 42;
  const eventCount = options.events ?? 40;
  const tickIntervalMs = options.tickIntervalMs ?? 1_000;
  const walkSteps = options.walkSteps ?? 1;
  if (!Number.isInteger(walkSteps) || walkSteps < 1) throw new Error(`walkSteps must be a whole number >= 1, got ${walkSteps}`);
  const now = options.now ?? Date.now();
  const makeWorld = (): SimWorld => generateWorld({ seed, events: eventCount, now });

  let world = makeWorld();
  let ticks = 0;
  const faults = new FaultRegistry();
  const requests = new RequestLog();
  const orders = new OrderRecorder();
  const channel = new MarketChannel(() => world);
  const keys = new ApiKeyRegistry(`polybot-sim-venue:${seed}`);
  const accounts = new AccountLedger(options.startingBalanceUsd ?? 1_000);
  const exchange = new SimExchange(() => world, accounts, options.settlementStepMs ?? 300);
  const chain = new SimChain(() => world, accounts);
  const userChannel = new UserChannel(keys, () => world.now());
  exchange.onEvent(userChannel.onExchangeEvent);
  const attach = (): (() => void) => {
    const offChannel = world.onChange(channel.onWorldChange);
    const offExchange = world.onChange(exchange.onWorldChange);
    return () => {
      offChannel();
      offExchange();
    };
  };
  let detach = attach();
  // GTD orders expire on the clock even when nobody asks.
  const expiryTimer = setInterval(() => exchange.expireDue(), 1_000);
  expiryTimer.unref();

  const controls: SimulatorControls = {
    injectMispricing: (opts) => injectMispricing(world, opts),
    addFault: (spec: FaultSpec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    staleBooks: (on) => world.setStale(on),
    spreadSpike: (tokenId, factor) => spreadSpike(world, tokenId, factor),
    resolveMarket: (conditionId, index) => resolveMarket(world, conditionId, index),
    setPrice: (tokenId, mid) => setPrice(world, tokenId, mid),
    tick: () => {
      ticks += 1;
      walkPrices(world);
    },
    disconnectWebsockets: () => channel.disconnectAll() + userChannel.disconnectAll(),
    loseStreamBookChanges: (count) => channel.loseBookChanges(count),
    orders: () => orders.list(),
    exchangeOrders: () => exchange.allOrders(),
    trades: () => exchange.allTrades(),
    transactions: () => chain.transactions(),
    apiCredentials: (address) => keys.issue(address),
    setBalance: (address, balanceUsd) => accounts.setBalanceUsd(address, balanceUsd),
    balance: (address) => accounts.balanceMicro(address) / MICRO,
    requests: () => requests.snapshot(),
    resetRequests: () => requests.reset(),
    state: (): SimulatorState => ({
      seed,
      ...world.counts(),
      staleBooks: world.stale,
      ticks,
      tickIntervalMs,
      faults: faults.list().length,
      orders: orders.list().length,
      exchangeOrders: exchange.allOrders().length,
      trades: exchange.allTrades().length,
      transactions: chain.transactions().length,
      websocketClients: channel.clientCount,
      streamBookChangesToLose: channel.bookChangesToLose,
      userWebsocketClients: userChannel.clientCount,
    }),
    reset: () => {
      detach();
      world = makeWorld();
      detach = attach();
      ticks = 0;
      faults.clear();
      orders.clear();
      exchange.reset();
      accounts.clear();
      chain.reset();
      requests.reset();
      channel.loseBookChanges(0);
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(requests.middleware());
  app.use(faultMiddleware(faults));
  app.use(express.json({ limit: BODY_LIMIT, verify: keepRawBody }));
  app.use('/gamma', gammaRouter(() => world));
  app.use('/clob', authRouter(keys));
  app.use('/clob', orderRouter(orders, keys, exchange));
  app.use('/clob', clobAccountRouter(keys, exchange));
  app.use('/clob', clobRouter(() => world));
  app.use('/clob', clobMarketInfoRouter(() => world));
  app.use('/data', dataApiRouter(() => world, accounts));
  app.use('/rpc', jsonRpcRouter(chain, accounts, () => world));
  app.use('/_sim', adminRouter(controls));
  app.use((req, res) => void res.status(404).json({ error: `no route ${req.method} ${req.path}` }));
  app.use(errorHandler);

  const server = createServer(app);
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === MARKET_CHANNEL_PATH) channel.handleUpgrade(req, socket, head);
    else if (path === USER_CHANNEL_PATH) userChannel.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;

  let step = 0;
  const walkStep = (): void => {
    walkPrices(world, { index: step, of: walkSteps });
    step = (step + 1) % walkSteps;
    if (step === 0) ticks += 1;
  };
  // One step of one is the whole walk at once, as tick() does.
  const timer = tickIntervalMs > 0 ? setInterval(walkStep, tickIntervalMs / walkSteps) : null;
  timer?.unref();

  let closing: Promise<void> | undefined;
  const url = `http://${host}:${port}`;
  return {
    ...controls,
    url,
    gammaUrl: `${url}/gamma`,
    clobUrl: `${url}/clob`,
    dataApiUrl: `${url}/data`,
    wsUrl: `ws://${host}:${port}/ws`,
    rpcUrl: `${url}/rpc`,
    port,
    get world() {
      return world;
    },
    close: () => {
      closing ??= (async () => {
        if (timer) clearInterval(timer);
        clearInterval(expiryTimer);
        exchange.stopTimers();
        detach();
        await Promise.all([channel.close(), userChannel.close()]);
        // Held (timeout-fault) and keep-alive connections would otherwise keep the port busy.
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
