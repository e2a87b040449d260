import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { takerFee, type IntentStatus, type MarketSnapshot, type OrderBook, type OrderType } from '@polybot/domain';
import {
  AccountSnapshotRepository,
  createTestDatabase,
  ExecutionRepository,
  FillRepository,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  RiskCheckRepository,
  SignedOrderRepository,
  type NewIntent,
  type TestDatabase,
} from '@polybot/persistence';
import { createMarketDataStack, NO_VENUE_CALL_RECORDER } from '@polybot/polymarket';
import { AccountStateReader, ClobTradingClient } from '@polybot/polymarket/trading';
import { createTestRuntime, type TestRuntime } from '@polybot/runtime';
import { waitFor } from '@polybot/testing';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { Wallet } from 'ethers';
import { ExecuteIntentService } from './execute-intent.service';
import { OrderNotSettled } from './execution-venue';
import { ExecutorModule } from './executor.module';

/** Runs `work` and returns the calls `spy` saw, counted before mockRestore (which clears them); `after` runs either way. */
async function callsDuring(spy: jest.SpyInstance, work: () => Promise<void>, after: () => unknown): Promise<number> {
  let calls = 0;
  try {
    await work();
  } finally {
    calls = spy.mock.calls.length;
    spy.mockRestore();
    await after();
  }
  return calls;
}

/** A throwaway key generated for this run: it must never show up in a log line. */
const PRIVATE_KEY = Wallet.createRandom().privateKey;
const ADDRESS = new Wallet(PRIVATE_KEY).address;
const CHECKS = [{ name: 'MIN_EDGE', passed: true, value: 0.2, limit: 0.05, message: 'edge 20% >= 5%' }];

interface Executor {
  readonly test: TestRuntime;
  readonly moduleRef: TestingModule;
  readonly executor: ExecuteIntentService;
}

/** A test whose order the follower cancels: it reads that order's trades once the venue's reads have had ORDER_VISIBLE_WITHIN_MS to catch up. */
const CANCELLED_ORDER_TIMEOUT_MS = 20_000;

describe('live execution on the CLOB (real Postgres, Redis, simulator over HTTP)', () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  let main: Executor;
  let intents: IntentRepository;
  let markets: MarketSnapshot[];
  let negRiskMarkets: MarketSnapshot[];
  let books: Map<string, OrderBook>;
  const executors: Executor[] = [];
  /** Closed by their test; their log lines still count. */
  const closed = new Set<Executor>();

  function envFor(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_MODE: 'live',
      POLYBOT_DRY_RUN: 'false',
      POLYBOT_CONFIRM_LIVE: 'yes',
      POLYBOT_POLYGON_PRIVATE_KEY: PRIVATE_KEY,
      POLYBOT_GAMMA_API_URL: sim.gammaUrl,
      POLYBOT_CLOB_API_URL: sim.clobUrl,
      POLYBOT_DATA_API_URL: sim.dataApiUrl,
      POLYBOT_CLOB_WS_URL: sim.wsUrl,
      POLYBOT_POLYGON_RPC_URL: sim.rpcUrl,
      POLYBOT_HTTP_TIMEOUT_MS: '1000',
      POLYBOT_MAX_SLIPPAGE: '0.02',
      // The suite places more orders in its minute than the default hourly cap (20); one test sets its own cap.
      POLYBOT_MAX_ORDERS_PER_HOUR: '1000',
      ...overrides,
    };
  }

  async function startExecutor(overrides: Record<string, string> = {}): Promise<Executor> {
    const test = createTestRuntime('executor', envFor(overrides));
    const moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, ExecutorModule) }).compile();
    const started = { test, moduleRef, executor: moduleRef.get(ExecuteIntentService) };
    executors.push(started);
    return started;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, settlementStepMs: 10, events: 120 });
    const stack = createMarketDataStack({ gammaUrl: sim.gammaUrl, clobUrl: sim.clobUrl, timeoutMs: 5000, maxRetries: 0, booksBatchSize: 100, gammaPageSize: 100, recorder: NO_VENUE_CALL_RECORDER });
    const cycle = await stack.source.fetchCycle();
    const tradable = (m: MarketSnapshot) => !m.closed && m.acceptingOrders && m.liquidityUsd >= 1000 && m.tokens.every((t) => t.bestAsk !== null && t.bestBid !== null);
    negRiskMarkets = cycle.events.flatMap((e) => e.markets).filter((m) => m.negRisk && tradable(m));
    markets = cycle.events.flatMap((e) => e.markets).filter((m) => !m.negRisk && !m.closed && m.acceptingOrders && m.tickSize === 0.01 && m.tokens.every((t) => t.bestAsk !== null && t.bestBid !== null));
    books = (await stack.books.fetchBooks([...markets, ...negRiskMarkets].flatMap((m) => m.tokens.map((t) => t.tokenId)))).books;
    await stack.http.close();
    main = await startExecutor();
    intents = main.moduleRef.get(IntentRepository);
    await main.moduleRef.get(MarketRepository).upsertMany([...markets, ...negRiskMarkets]);
    // With real orders the bankroll is capped by the account's funds, which the risk service reads each cycle.
    await main.moduleRef.get(AccountSnapshotRepository).record({
      takenAt: new Date(), mode: 'live', bankroll: null, cash: null, equity: null, positions: [], openOrders: [], unavailable: [],
      balances: { collateral: { balance: 1_000_000, allowances: {} } },
    });
  });

  afterAll(async () => {
    for (const e of executors) {
      await e.test.obliterateQueues();
      if (!closed.has(e)) await e.moduleRef.close();
    }
    await sim?.close();
    await db?.drop();
  });

  /** A liquid market unused by earlier tests, its YES best ask level holding at most `maxLevelUsd`. */
  const used = new Set<string>();
  function pickMarket(maxLevelUsd = Number.POSITIVE_INFINITY): { market: MarketSnapshot; tokenId: string; book: OrderBook } {
    for (const market of markets) {
      if (used.has(market.marketId) || market.liquidityUsd < 1000) continue;
      const tokenId = market.tokens[0].tokenId;
      const book = books.get(tokenId);
      const ask = book?.asks[0];
      if (!book || !ask || ask.price * ask.size > maxLevelUsd || ask.price < 0.1 || ask.price > 0.9) continue;
      used.add(market.marketId);
      return { market, tokenId, book };
    }
    throw new Error('no suitable simulator market left');
  }

  /** A fresh market (pickMarket) and an approved intent to buy 6 shares of its YES token at the best ask. */
  async function approvedBuyAtAsk() {
    const { market, tokenId, book } = pickMarket();
    const ask = book.asks[0];
    const id = await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)) });
    return { market, tokenId, book, ask, id };
  }

  async function seed(market: MarketSnapshot, tokenId: string, overrides: Partial<NewIntent>, status: IntentStatus = 'APPROVED'): Promise<string> {
    const now = Date.now();
    // The market's data as of now: the suite runs longer than the STALE_DATA limit (60 s), and a re-check must find it fresh.
    await main.moduleRef.get(MarketRepository).upsertMany([{ ...market, fetchedAt: new Date(now).toISOString() }]);
    const intent = await intents.createPending(
      {
        type: 'OPEN_POSITION', marketId: market.marketId, conditionId: market.conditionId, tokenId, outcome: market.tokens[0].outcome,
        side: 'BUY', price: 0.5, sizeUsd: 10, edge: 0.2, modelProb: 0.95, marketPrice: 0.5, confidence: 0.9, reason: 'test',
        strategy: 'neg_risk_consistency', createdAt: new Date(now), expiresAt: new Date(now + 600_000), ...overrides,
      },
      CHECKS,
      { actor: 'test' },
    );
    if (!intent) throw new Error('seed intent was not created');
    if (status !== 'PENDING') await intents.transition(intent.id, 'Approve', { now: new Date(), actor: 'test' });
    return intent.id;
  }

  async function executeOk(executor: ExecuteIntentService, intentId: string): Promise<void> {
    const result = await executor.execute(jobFor(intentId));
    // The reason in the failure message, not just "FAILED".
    expect({ result, reason: result === 'EXECUTED' ? null : (await intents.findById(intentId))?.statusReason }).toEqual({ result: 'EXECUTED', reason: null });
  }

  /** polybot_order_path_seconds observations per step for one mode, read from the executor's registry. */
  async function orderPathCounts(executor: Executor, mode: string): Promise<Map<string, number>> {
    const metric = await executor.test.runtime.metrics.orderPath.get();
    const counts = metric.values.filter((v) => v.metricName === 'polybot_order_path_seconds_count' && v.labels.mode === mode);
    return new Map(counts.map((v) => [String(v.labels.stage), v.value]));
  }

  /**
   * An executor that passed the gate, signed and stored a 6-share BUY at `price` with its SIGNED
   * outcome (claimed to post), then died before posting it, a minute ago: a redelivered job comes
   * after its lock expired, so no post made under that claim can still be in flight.
   */
  async function crashedAfterStoring(id: string, tokenId: string, price: number, orderType: OrderType = 'GTC') {
    await intents.transition(id, 'StartExecution', { now: new Date(), actor: 'executor' });
    const trading = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: PRIVATE_KEY, signatureType: 0, timeoutMs: 2000 });
    const order = { clientOrderId: `polybot-${id}`, intentId: id, tokenId, side: 'BUY', price, size: 6, notionalUsd: price * 6, orderType, tickSize: 0.01, negRisk: false } as const;
    const signed = await trading.signOrder(order);
    await main.moduleRef.get(SignedOrderRepository).storeOnceWithOutcome(id, { orderHash: signed.orderHash, salt: signed.salt, signature: signed.signature, signedOrder: signed }, order, randomUUID());
    await db.dataSource.query(`UPDATE signed_orders SET updated_at = now() - interval '1 minute' WHERE intent_id = $1`, [id]);
    return { trading, signed };
  }

  /**
   * Holds the next call of a trading client method (whichever delivery makes it) until released,
   * then lets it through: a deterministic interleaving of two deliveries of one job.
   */
  function holdNext<K extends 'postSignedOrder' | 'getTrades' | 'signOrder'>(method: K) {
    const original = ClobTradingClient.prototype[method] as (...args: unknown[]) => Promise<unknown>;
    let reach!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(ClobTradingClient.prototype, method as 'getTrades').mockImplementationOnce(async function (this: ClobTradingClient, ...args: unknown[]) {
      reach();
      await released;
      return original.apply(this, args) as ReturnType<ClobTradingClient['getTrades']>;
    });
    return { reached, release, restore: () => { release(); spy.mockRestore(); } };
  }

  /** Never an order at the venue for a FAILED intent, never a FAILED intent whose order is at the venue. */
  async function expectVenueAgreesWithIntent(id: string): Promise<void> {
    const hash = (await main.moduleRef.get(SignedOrderRepository).findByIntent(id))?.orderHash;
    const atVenue = sim.exchangeOrders().some((o) => o.id === hash);
    const status = (await intents.findById(id))?.status;
    expect({ atVenue, failed: status === 'FAILED' }).toEqual({ atVenue, failed: !atVenue });
  }

  const jobFor = (intentId: string) => ({ v: 1 as const, intentId, approvedAt: new Date().toISOString() });
  const postsOf = (hash: string) => sim.orders().filter((o) => JSON.stringify(o.body).includes(`"signature"`) && sim.exchangeOrders().some((x) => x.id === hash && JSON.stringify(o.body).includes(x.signature)));
  async function outcome(intentId: string): Promise<{ status: string; order_id: string | null; filled_size: number; avg_price: number | null; fees: number; error: string | null }> {
    const [row] = await db.dataSource.query('SELECT status, order_id, filled_size, avg_price, fees, error FROM execution_outcomes WHERE intent_id = $1', [intentId]);
    return row;
  }

  it('signs, posts and fills a marketable BUY, records LIVE fills with fees, and the position shows at the Data API', async () => {
    const { market, tokenId, ask, id } = await approvedBuyAtAsk();

    await executeOk(main.executor, id);

    const row = await outcome(id);
    const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
    expect(stored).toMatchObject({ state: 'DONE', fillsRecorded: true });
    expect(row).toMatchObject({ status: 'FILLED', order_id: stored?.orderHash, error: null });
    expect(row.filled_size).toBeGreaterThanOrEqual(5);
    expect(row.avg_price).toBeLessThanOrEqual(ask.price);
    expect(sim.exchangeOrders().filter((o) => o.id === stored?.orderHash)).toHaveLength(1);
    const fills = await main.moduleRef.get(FillRepository).forIntent(id);
    expect(fills.reduce((s, f) => s + f.shares, 0)).toBeCloseTo(row.filled_size, 6);
    expect(fills.every((f) => f.kind === 'TRADE' && f.side === 'BUY' && f.price <= ask.price)).toBe(true);
    // We crossed the book, so each fill pays the market's taker fee.
    for (const fill of fills) expect(fill.feeUsd).toBe(takerFee(fill.shares, fill.price, market.feeSchedule, 'TAKER'));
    expect(row.fees).toBeCloseTo(fills.reduce((s, f) => s + f.feeUsd, 0), 5);
    expect((await intents.findById(id))?.status).toBe('EXECUTED');

    const reader = new AccountStateReader({ dataApiUrl: sim.dataApiUrl, walletAddress: ADDRESS, timeoutMs: 2000, trading: () => ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: PRIVATE_KEY, signatureType: 0, timeoutMs: 2000 }) });
    const account = await reader.read();
    expect(account.unavailable).toEqual([]);
    expect(account.positions.find((p) => p.tokenId === tokenId)?.size).toBeCloseTo(row.filled_size, 6);
    expect(account.balances.collateral?.balance).toBeLessThan(1000);

    // Where this order's time went: every live step timed, in the log line and the metric.
    const liveSteps = ['gate', 'recheck', 'preflight', 'sign', 'store', 'post', 'done'];
    const logged = main.test.logs().find((line) => line.intent_id === id && line.message === 'Intent executed');
    const steps = (logged?.order_path_ms ?? {}) as Record<string, number>;
    expect(Object.keys(steps)).toEqual(liveSteps);
    expect(Object.values(steps).every((ms) => ms >= 0)).toBe(true);
    const counts = await orderPathCounts(main, 'LIVE');
    expect(liveSteps.filter((step) => !((counts.get(step) ?? 0) >= 1))).toEqual([]);
  });

  it('stores the signed order, its SIGNED outcome and the execution re-check before the post, and posts exactly the stored signature', async () => {
    const { id } = await approvedBuyAtAsk();
    const original = ClobTradingClient.prototype.postSignedOrder;
    const atPost: unknown[] = [];
    const post = jest.spyOn(ClobTradingClient.prototype, 'postSignedOrder').mockImplementation(async function (this: ClobTradingClient, order) {
      const [stored] = await db.dataSource.query('SELECT signature, state FROM signed_orders WHERE intent_id = $1', [id]);
      const [row] = await db.dataSource.query('SELECT status, order_id FROM execution_outcomes WHERE intent_id = $1', [id]);
      const [checks] = await db.dataSource.query(`SELECT count(*)::int AS n FROM risk_check_results WHERE intent_id = $1 AND phase = 'EXECUTION'`, [id]);
      const [intent] = await db.dataSource.query('SELECT status FROM intents WHERE id = $1', [id]);
      atPost.push({ stored, outcome: row, checks: checks.n > 0, intent: intent.status, posted: order.signature });
      return original.call(this, order);
    });
    try {
      await executeOk(main.executor, id);
    } finally {
      post.mockRestore();
    }
    const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
    expect(atPost).toEqual([{
      stored: { signature: stored?.signature, state: 'POSTING' }, outcome: { status: 'SIGNED', order_id: stored?.orderHash },
      checks: true, intent: 'EXECUTING', posted: stored?.signature,
    }]);
  });

  it('reads, signs and sends nothing for an intent that is not APPROVED (PENDING, REJECTED, EXPIRED)', async () => {
    const spies = [jest.spyOn(ClobTradingClient.prototype, 'getBalanceAllowance'), jest.spyOn(ClobTradingClient.prototype, 'signOrder'), jest.spyOn(ClobTradingClient.prototype, 'postSignedOrder')];
    const postsBefore = sim.orders().length;
    try {
      for (const command of [null, 'Reject', 'Expire'] as const) {
        const { market, tokenId, book } = pickMarket();
        const id = await seed(market, tokenId, { price: book.asks[0].price, sizeUsd: 5 }, 'PENDING');
        if (command) await intents.transition(id, command, { now: new Date(), actor: 'test' });
        await expect(main.executor.execute(jobFor(id))).resolves.toBe('SKIPPED');
        expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toBeNull();
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      expect(sim.orders().length).toBe(postsBefore);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('a kill switch found by the execution re-check fails the intent with its reason while the venue reads ran: nothing signed or sent', async () => {
    const { market, tokenId, book } = pickMarket();
    const id = await seed(market, tokenId, { price: book.asks[0].price, marketPrice: book.asks[0].price, sizeUsd: 5 });
    const switches = main.moduleRef.get(KillSwitchRepository);
    await switches.trip('STALE_DATA', 75, 60, 'STALE_DATA: newest market data is 75s old (limit 60s)', 'test', new Date());
    const postsBefore = sim.orders().length;
    const signatures = await callsDuring(
      jest.spyOn(ClobTradingClient.prototype, 'signOrder'),
      () => expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED'),
      () => switches.clear('STALE_DATA', 'test', new Date()),
    );
    expect((await intents.findById(id))?.statusReason).toMatch(/^blocked by risk re-check at execution: KILL_SWITCHES: .*STALE_DATA/);
    expect(signatures).toBe(0);
    expect(sim.orders().length).toBe(postsBefore);
    // Nothing signed: only the fence that keeps another delivery from storing an order after the failure.
    expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toMatchObject({ state: 'WITHHELD', neverSigned: true });
    expect((await main.moduleRef.get(RiskCheckRepository).forIntent(id, 'EXECUTION')).some((c) => c.name === 'KILL_SWITCHES' && !c.passed)).toBe(true);
  });

  it.each([
    ['read', () => jest.spyOn(KillSwitchRepository.prototype, 'tripped').mockRejectedValueOnce(new Error('Connection terminated unexpectedly')), /^execution re-check could not read the portfolio or kill switches: Connection terminated/],
    ['write', () => jest.spyOn(RiskCheckRepository.prototype, 'record').mockRejectedValueOnce(new Error('Connection terminated unexpectedly')), /^Connection terminated/],
  ] as const)('a failed execution re-check %s fails the intent: nothing stored, nothing posted', async (_what, breakIt, reason) => {
    const { market, tokenId, book } = pickMarket();
    const id = await seed(market, tokenId, { price: book.asks[0].price, marketPrice: book.asks[0].price, sizeUsd: 5 });
    const broken = breakIt();
    const postsBefore = sim.orders().length;
    const posts = await callsDuring(
      jest.spyOn(ClobTradingClient.prototype, 'postSignedOrder'),
      () => expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED'),
      () => broken.mockRestore(),
    );
    expect((await intents.findById(id))?.statusReason).toMatch(reason);
    expect(posts).toBe(0);
    expect(sim.orders().length).toBe(postsBefore);
    // Nothing signed: only the fence that keeps another delivery from storing an order after the failure.
    expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toMatchObject({ state: 'WITHHELD', neverSigned: true });
    expect(await outcome(id)).toMatchObject({ status: 'FAILED' });
  });

  it('an accepted post whose answer times out ends with ONE order at the venue: reconciled, not retried', async () => {
    const { tokenId, id } = await approvedBuyAtAsk();
    const postsBefore = sim.orders().length;
    sim.addFault({ route: '/clob/order', kind: 'accept-then-timeout', times: 1 });
    try {
      await executeOk(main.executor, id);
    } finally {
      sim.clearFaults();
    }
    const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
    expect(sim.orders().length - postsBefore).toBe(1);
    expect(sim.exchangeOrders().filter((o) => o.assetId === tokenId)).toHaveLength(1);
    expect(await outcome(id)).toMatchObject({ status: 'FILLED', order_id: stored?.orderHash });
    expect(postsOf(stored!.orderHash)).toHaveLength(1);
  });

  it('a repost refused as a duplicate of a timed-out post the venue\'s lagging reads do not show is left unsettled, not failed: the resumed job finds the order', async () => {
    const { id } = await approvedBuyAtAsk();
    const postsBefore = sim.orders().length;
    // The post is accepted and filled but its answer never comes; the venue's reads stay behind for 5 s, through the reconciliation and the repost.
    sim.addFault({ route: '/clob/order', kind: 'accept-then-timeout', times: 1 });
    for (const route of ['/clob/data/order', '/clob/data/orders', '/clob/data/trades']) sim.addFault({ route, kind: 'stale-read', forMs: 5_000 });
    const lagEnds = Date.now() + 5_000;
    try {
      await expect(main.executor.execute(jobFor(id))).rejects.toThrow(/refused the identical repost \(venue refused the order: .*Duplicated/);
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, lagEnds - Date.now()) + 100));
      await executeOk(main.executor, id);
    } finally {
      sim.clearFaults();
    }
    const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
    expect(sim.exchangeOrders().filter((o) => o.id === stored!.orderHash)).toHaveLength(1);
    expect(sim.orders().length - postsBefore).toBe(2);
    expect(await outcome(id)).toMatchObject({ status: 'FILLED', order_id: stored!.orderHash });
    await expectVenueAgreesWithIntent(id);
  }, 15_000);

  it('a retried job for an EXECUTING intent whose signed order was already posted reconciles instead of posting again', async () => {
    const { tokenId, ask, id } = await approvedBuyAtAsk();
    // The crash: the gate passed, the order was signed, stored and posted, then the process died.
    const { trading, signed } = await crashedAfterStoring(id, tokenId, ask.price);
    expect((await trading.postSignedOrder(signed)).success).toBe(true);
    const postsBefore = sim.orders().length;

    await executeOk(main.executor, id);

    expect(sim.orders().length).toBe(postsBefore);
    expect(sim.exchangeOrders().filter((o) => o.assetId === tokenId)).toHaveLength(1);
    expect(await outcome(id)).toMatchObject({ status: 'FILLED', order_id: signed.orderHash });
    // And the same job once more: the gate is closed.
    await expect(main.executor.execute(jobFor(id))).resolves.toBe('SKIPPED');
  });

  it('a restarted executor finding a stored but never-posted signed order posts that same order exactly once', async () => {
    const { tokenId, ask, id } = await approvedBuyAtAsk();
    const { signed } = await crashedAfterStoring(id, tokenId, ask.price);
    const postsBefore = sim.orders().length;

    await executeOk(main.executor, id);

    expect(sim.orders().length - postsBefore).toBe(1);
    expect(sim.exchangeOrders().filter((o) => o.assetId === tokenId).map((o) => o.id)).toEqual([signed.orderHash]);
    expect(await outcome(id)).toMatchObject({ status: 'FILLED', order_id: signed.orderHash });
  });

  it('two deliveries of one job racing each other place ONE order and record its fills once', async () => {
    const { tokenId, id } = await approvedBuyAtAsk();

    const results = await Promise.all([main.executor.execute(jobFor(id)), main.executor.execute(jobFor(id))]);

    expect(results).toContain('EXECUTED');
    expect(results).not.toContain('FAILED');
    expect(sim.exchangeOrders().filter((o) => o.assetId === tokenId)).toHaveLength(1);
    const row = await outcome(id);
    expect(row.status).toBe('FILLED');
    const fills = await main.moduleRef.get(FillRepository).forIntent(id);
    expect(fills.reduce((sum, f) => sum + f.shares, 0)).toBeCloseTo(row.filled_size, 6);
    expect((await intents.findById(id))?.status).toBe('EXECUTED');
  });

  it('a delivery whose fills another delivery recorded first reports the recorded fills, not its own read of the trades', async () => {
    const { id } = await approvedBuyAtAsk();
    // The other delivery read the trades earlier (2 of the 6 shares matched then) and recorded first.
    const recordOnce = SignedOrderRepository.prototype.recordFillsOnce;
    const race = jest.spyOn(SignedOrderRepository.prototype, 'recordFillsOnce').mockImplementationOnce(async function (this: SignedOrderRepository, intentId, fills, repository) {
      await recordOnce.call(this, intentId, fills.map((f) => ({ ...f, shares: 2 })).slice(0, 1), repository);
      return recordOnce.call(this, intentId, fills, repository);
    });
    try {
      await executeOk(main.executor, id);
    } finally {
      race.mockRestore();
    }
    const recorded = await main.moduleRef.get(FillRepository).forIntent(id);
    expect(recorded.map((f) => f.shares)).toEqual([2]);
    expect(await outcome(id)).toMatchObject({ status: 'PARTIALLY_FILLED', filled_size: 2 });
  });

  it('fails an order with the wrong signature type for its funder with the venue\'s message', async () => {
    const bad = await startExecutor({ POLYBOT_SIGNATURE_TYPE: '0', POLYBOT_FUNDER_ADDRESS: '0x1111111111111111111111111111111111111111' });
    const { tokenId, id } = await approvedBuyAtAsk();

    await expect(bad.executor.execute(jobFor(id))).resolves.toBe('FAILED');

    const after = await intents.findById(id);
    expect(after?.status).toBe('FAILED');
    expect(after?.statusReason).toMatch(/venue refused the order: .*invalid signature/);
    expect(sim.exchangeOrders().filter((o) => o.assetId === tokenId)).toHaveLength(0);
  });

  it('fails an intent whose price drifted beyond POLYBOT_MAX_SLIPPAGE before anything is sent', async () => {
    const { tokenId, book, ask, id } = await approvedBuyAtAsk();
    const mid = (book.bids[0].price + ask.price) / 2;
    sim.setPrice(tokenId, Number(Math.min(0.95, mid + 0.1).toFixed(2)));
    const postsBefore = sim.orders().length;

    await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');

    expect((await intents.findById(id))?.statusReason).toMatch(/price drifted beyond POLYBOT_MAX_SLIPPAGE: best ask .* vs limit .*; nothing sent/);
    expect(sim.orders().length).toBe(postsBefore);
    // Nothing signed: only the fence that keeps another delivery from storing an order after the failure.
    expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toMatchObject({ state: 'WITHHELD', neverSigned: true });
    // The failure's log line shows how far the order got: refused in pre-flight, never signed.
    const logged = main.test.logs().find((line) => line.intent_id === id && line.message === 'Execution failed');
    expect(Object.keys((logged?.order_path_ms as object | undefined) ?? {})).toEqual(['gate', 'recheck', 'done']);
  });

  it('cancels a resting GTC remainder at the intent\'s expiry: partial fill recorded, rest cancelled', async () => {
    const { market, tokenId, book } = pickMarket(150);
    const ask = book.asks[0];
    const shares = Math.ceil(ask.size) + 10;
    const id = await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * shares).toFixed(2)), expiresAt: new Date(Date.now() + 1500) });

    await executeOk(main.executor, id);

    const row = await outcome(id);
    expect(row.status).toBe('PARTIALLY_FILLED');
    expect(row.filled_size).toBeCloseTo(ask.size, 6);
    const order = sim.exchangeOrders().find((o) => o.id === row.order_id);
    expect(order?.status).toBe('CANCELED');
    // The follower listened on the user channel (polling remains the fallback).
    expect(sim.state().userWebsocketClients).toBeGreaterThanOrEqual(1);
    expect(await main.moduleRef.get(FillRepository).forIntent(id)).not.toHaveLength(0);
  }, CANCELLED_ORDER_TIMEOUT_MS);

  it('claims a resolved position with one redeemPositions transaction and records its hash', async () => {
    const held = (await main.moduleRef.get(FillRepository).all('LIVE'))[0];
    const market = markets.find((m) => m.marketId === held.marketId)!;
    sim.resolveMarket(market.conditionId, market.tokens.findIndex((t) => t.tokenId === held.tokenId));
    const id = await seed(market, held.tokenId, { type: 'CLAIM_SETTLEMENT', side: 'SELL', price: 1, marketPrice: 1, sizeUsd: 0, edge: 0, modelProb: 1 });

    await executeOk(main.executor, id);

    const txs = sim.transactions();
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ method: 'redeemPositions', conditionId: market.conditionId, negRisk: false, from: ADDRESS.toLowerCase() });
    expect(await outcome(id)).toMatchObject({ status: 'SETTLED', order_id: txs[0].hash, error: null });

    // A crash after the outcome was written and before the intent was marked EXECUTED: the resumed
    // job only finishes the transition (the position is claimed: a re-run would have found none).
    await db.dataSource.query(`UPDATE intents SET status = 'EXECUTING' WHERE id = $1`, [id]);
    await executeOk(main.executor, id);
    expect(sim.transactions()).toHaveLength(1);
    expect(await outcome(id)).toMatchObject({ status: 'SETTLED', order_id: txs[0].hash, error: null });
  });

  it('neg-risk: signs for the NegRisk exchange, fills, and claims through NegRiskAdapter.redeemPositions with the shares held', async () => {
    const market = negRiskMarkets.find((m) => {
      const ask = books.get(m.tokens[0].tokenId)?.asks[0];
      return ask !== undefined && ask.price >= 0.1 && ask.price <= 0.9;
    });
    if (!market) throw new Error('no tradable neg-risk market in the simulator');
    const tokenId = market.tokens[0].tokenId;
    const ask = books.get(tokenId)!.asks[0];
    const id = await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)) });

    await executeOk(main.executor, id);
    const row = await outcome(id);
    expect(row.status).toBe('FILLED');
    expect(sim.exchangeOrders().find((o) => o.id === row.order_id)).toBeDefined();

    sim.resolveMarket(market.conditionId, 0);
    const claimId = await seed(market, tokenId, { type: 'CLAIM_SETTLEMENT', side: 'SELL', price: 1, marketPrice: 1, sizeUsd: 0, edge: 0, modelProb: 1 });
    const before = sim.transactions().length;
    await executeOk(main.executor, claimId);
    const txs = sim.transactions().slice(before);
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ method: 'redeemPositions', conditionId: market.conditionId, negRisk: true, payoutMicro: Math.round(row.filled_size * 1e6) });
    expect(await outcome(claimId)).toMatchObject({ status: 'SETTLED', order_id: txs[0].hash });
  });

  it('connects to the venue as it starts, before any order, deriving its API key; an unreachable venue is logged and the executor runs on', async () => {
    const connected = (e: Executor) => e.test.logs().filter((line) => line.message === 'Live venue connected');
    const derivations = () => (sim.requests()['GET /clob/auth/derive-api-key'] ?? 0) + (sim.requests()['POST /clob/auth/api-key'] ?? 0);
    const before = derivations();
    const fresh = await startExecutor();
    await fresh.moduleRef.init();
    await waitFor(() => connected(fresh).length === 1, { timeoutMs: 5000, what: 'the venue connection at start' });
    expect(connected(fresh)[0]).toMatchObject({ signer: ADDRESS, maker: ADDRESS });
    expect(derivations()).toBeGreaterThan(before);

    const cut = await startExecutor({ POLYBOT_CLOB_API_URL: 'http://127.0.0.1:9/clob' });
    await cut.moduleRef.init();
    const failed = () => cut.test.logs().filter((line) => line.level === 'ERROR' && line.message === 'Live venue could not connect at start; the first approved order will try again');
    await waitFor(() => failed().length === 1, { timeoutMs: 5000, what: 'the failed connection logged' });
    expect(String(failed()[0].reason)).toContain('api-key');
    expect(connected(cut)).toEqual([]);
    // Started, they work the queue and reconcile every owed intent: the later tests' intents are theirs alone.
    for (const started of [fresh, cut]) {
      await started.moduleRef.close();
      closed.add(started);
    }
  });

  describe('an interrupted or unsettled execution', () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /** Runs the job, which must fail the intent and cancel its stored order by hash, in case a post in flight (or stalled) lands later. */
    async function failsCancellingByHash(id: string, hash: string): Promise<void> {
      const cancels = jest.spyOn(ClobTradingClient.prototype, 'cancelOrder');
      try {
        await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');
        expect(cancels).toHaveBeenCalledWith(hash);
      } finally {
        cancels.mockRestore();
      }
    }
    const venueStatusOf = (hash: string | null | undefined) => sim.exchangeOrders().filter((o) => o.id === hash).map((o) => o.status);

    it.each([
      ['a kill switch tripped while it was down', 600_000, 'DAILY_LOSS', /^the stored signed order \S+ never reached the venue and is not sent now: blocked by risk re-check at execution: KILL_SWITCHES: .*DAILY_LOSS/],
      ['its intent expired while it was down', 1_500, null, /^the stored signed order \S+ never reached the venue and is not sent now: intent expired at /],
    ] as const)('never sends a stored order the venue does not hold when %s: FAILED, nothing posted', async (_why, expiresInMs, killSwitch, reason) => {
      const { market, tokenId, book } = pickMarket();
      const ask = book.asks[0];
      const id = await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)), expiresAt: new Date(Date.now() + expiresInMs) });
      const { signed } = await crashedAfterStoring(id, tokenId, ask.price);
      const switches = main.moduleRef.get(KillSwitchRepository);
      if (killSwitch) await switches.trip(killSwitch, 12, 10, `${killSwitch}: test`, 'test', new Date());
      else await sleep(expiresInMs + 100);
      const postsBefore = sim.orders().length;
      try {
        await failsCancellingByHash(id, signed.orderHash);
      } finally {
        if (killSwitch) await switches.clear(killSwitch, 'test', new Date());
      }
      expect((await intents.findById(id))?.statusReason).toMatch(reason);
      expect(sim.orders().length).toBe(postsBefore);
      expect(venueStatusOf(signed.orderHash)).toEqual([]);
    });

    /**
     * Two deliveries of one job at once: the poster (its re-check passed) is held at `hold` while
     * the other, whose re-check then finds a kill switch tripped, withholds the stored order.
     */
    async function withholdWhilePosting(id: string, hold: 'postSignedOrder' | 'getTrades' | 'signOrder') {
      const switches = main.moduleRef.get(KillSwitchRepository);
      const held = holdNext(hold);
      try {
        const poster = main.executor.execute(jobFor(id));
        await Promise.race([held.reached, poster]);
        await switches.trip('DAILY_LOSS', 12, 10, 'DAILY_LOSS: test', 'test', new Date());
        const withholder = await main.executor.execute(jobFor(id)).then((result) => ({ result }), (error: unknown) => ({ error: String(error) }));
        const statusBetween = (await intents.findById(id))?.status;
        held.release();
        return { withholder, statusBetween, poster: await poster };
      } finally {
        held.restore();
        await switches.clear('DAILY_LOSS', 'test', new Date());
      }
    }

    it.each([
      ['the original delivery', false],
      ['a resumed delivery', true],
    ] as const)('a withhold while %s holds its claim to post is refused: the order is posted, the intent never FAILED', async (_poster, resumedPoster) => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      if (resumedPoster) await crashedAfterStoring(id, tokenId, ask.price);

      // Held after its claim, just before its post.
      const race = await withholdWhilePosting(id, 'postSignedOrder');

      expect(race).toEqual({
        withholder: { error: expect.stringMatching(/^WithholdDeferred: the stored signed order \S+ is being posted or was posted by another delivery of this job, so it is not withheld \(blocked by risk re-check at execution: KILL_SWITCHES: .*DAILY_LOSS/) },
        statusBetween: 'EXECUTING',
        poster: 'EXECUTED',
      });
      const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
      expect(postsOf(stored!.orderHash)).toHaveLength(1);
      await expectVenueAgreesWithIntent(id);
    });

    it('a withhold that claims the order first keeps a resumed delivery from posting it: FAILED, nothing at the venue', async () => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      const { signed } = await crashedAfterStoring(id, tokenId, ask.price);
      const postsBefore = sim.orders().length;

      // Held in its last look at the venue, before its claim.
      const race = await withholdWhilePosting(id, 'getTrades');

      expect(race).toEqual({ withholder: { result: 'FAILED' }, statusBetween: 'FAILED', poster: 'FAILED' });
      expect((await intents.findById(id))?.statusReason).toMatch(/^the stored signed order \S+ never reached the venue and is not sent now: blocked by risk re-check at execution: KILL_SWITCHES: .*DAILY_LOSS/);
      expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toMatchObject({ state: 'WITHHELD' });
      expect(sim.orders().length).toBe(postsBefore);
      expect(venueStatusOf(signed.orderHash)).toEqual([]);
      await expectVenueAgreesWithIntent(id);
    });

    /**
     * Two deliveries of one job at once: the first holds its claim, about to post; the second,
     * resumed, is held at `hold`; then the venue refuses the first one's post.
     */
    async function refusedWhileResumed(id: string, hold: 'getTrades' | 'postSignedOrder') {
      const firstPost = holdNext('postSignedOrder');
      let second: ReturnType<typeof holdNext> | undefined;
      const settled = (run: Promise<string>) => run.then((result) => ({ result }), (error: unknown) => ({ error: String(error) }));
      try {
        const first = settled(main.executor.execute(jobFor(id)));
        await firstPost.reached;
        second = holdNext(hold);
        const resumed = settled(main.executor.execute(jobFor(id)));
        await second.reached;
        sim.addFault({ route: '/clob/order', kind: 'status', status: 400, times: 1 });
        firstPost.release();
        const firstOutcome = await first;
        second.release();
        return { first: firstOutcome, resumed: await resumed };
      } finally {
        firstPost.restore();
        second?.restore();
      }
    }

    it('a refused post withholds the order: a resumed delivery that looked for it before the refusal does not post it after', async () => {
      const { id } = await approvedBuyAtAsk();

      // The resumed one is held in its look at the venue, before its claim.
      const race = await refusedWhileResumed(id, 'getTrades');

      expect(race).toEqual({ first: { result: 'FAILED' }, resumed: { result: 'FAILED' } });
      expect((await intents.findById(id))?.statusReason).toMatch(/venue refused the order/);
      const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
      expect(stored).toMatchObject({ state: 'WITHHELD', neverSigned: false });
      expect(sim.exchangeOrders().some((o) => o.id === stored!.orderHash)).toBe(false);
      await expectVenueAgreesWithIntent(id);
    });

    it('a refused post under a claim another delivery has taken since is deferred, not failed: that delivery posts it', async () => {
      const { id } = await approvedBuyAtAsk();

      // The resumed one is held after its claim, just before its post.
      const race = await refusedWhileResumed(id, 'postSignedOrder');

      expect(race).toEqual({
        first: { error: expect.stringMatching(/^WithholdDeferred: venue refused the order: .*; but another delivery of this job has claimed the stored signed order \S+ to post it since/) },
        resumed: { result: 'EXECUTED' },
      });
      const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
      expect(postsOf(stored!.orderHash)).toHaveLength(1);
      await expectVenueAgreesWithIntent(id);
    });

    it('a delivery failing before any order is stored fences the intent: the other delivery, then signing, stores and sends nothing', async () => {
      const { id } = await approvedBuyAtAsk();
      const postsBefore = sim.orders().length;

      // The first delivery passed its re-check and is signing; the second finds a kill switch.
      const race = await withholdWhilePosting(id, 'signOrder');

      expect(race).toEqual({ withholder: { result: 'FAILED' }, statusBetween: 'FAILED', poster: 'FAILED' });
      expect(await main.moduleRef.get(SignedOrderRepository).findByIntent(id)).toMatchObject({ state: 'WITHHELD', neverSigned: true });
      expect(await outcome(id)).toMatchObject({ status: 'FAILED' });
      expect(sim.orders().length).toBe(postsBefore);
      await expectVenueAgreesWithIntent(id);
    });

    it('a post stalled past its claim that lands after a withhold is cancelled and followed: its fills are recorded, the intent stays FAILED', async () => {
      const { id } = await approvedBuyAtAsk();
      const switches = main.moduleRef.get(KillSwitchRepository);
      const held = holdNext('postSignedOrder');
      try {
        const poster = main.executor.execute(jobFor(id));
        await held.reached;
        // The poster stalls (a long GC pause, a suspended host) until its claim is older than any bound.
        await db.dataSource.query(`UPDATE signed_orders SET updated_at = now() - interval '10 minutes' WHERE intent_id = $1`, [id]);
        await switches.trip('DAILY_LOSS', 12, 10, 'DAILY_LOSS: test', 'test', new Date());
        await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');
        held.release();
        await expect(poster).resolves.toBe('FAILED');
      } finally {
        held.restore();
        await switches.clear('DAILY_LOSS', 'test', new Date());
      }
      expect((await intents.findById(id))?.status).toBe('FAILED');
      const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
      expect(postsOf(stored!.orderHash)).toHaveLength(1);
      const fills = await main.moduleRef.get(FillRepository).forIntent(id);
      expect(fills.reduce((shares, fill) => shares + fill.shares, 0)).toBeCloseTo(6, 6);
      expect(await outcome(id)).toMatchObject({ status: 'FILLED', filled_size: 6 });
      expect(main.test.logs().some((line) => line.intent_id === id && line.level === 'ERROR' && String(line.message).startsWith('An order reached the venue for an intent another execution failed'))).toBe(true);
    });

    it('a resumed execution finding its stored order WITHHELD (the withholding one died before failing the intent) sends nothing: FAILED', async () => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      const { signed } = await crashedAfterStoring(id, tokenId, ask.price);
      expect(await main.moduleRef.get(SignedOrderRepository).withhold(id, 0)).toBe(true);
      const postsBefore = sim.orders().length;

      // The withholder may have died before its cancel.
      await failsCancellingByHash(id, signed.orderHash);

      expect((await intents.findById(id))?.statusReason).toBe(`the order of intent ${id} was withheld by another execution of this intent; nothing sent`);
      expect(sim.orders().length).toBe(postsBefore);
      await expectVenueAgreesWithIntent(id);
    });

    it('a resumed execution counts its own stored order once against MAX_ORDERS_PER_HOUR: at the limit it is still sent', async () => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      const { signed } = await crashedAfterStoring(id, tokenId, ask.price);
      // The stored order is the hour's last allowed one.
      const ordersThisHour = await main.moduleRef.get(ExecutionRepository).countOrdersSince(new Date(Date.now() - 3_600_000));
      const atLimit = await startExecutor({ POLYBOT_MAX_ORDERS_PER_HOUR: String(ordersThisHour) });

      await executeOk(atLimit.executor, id);
      expect(postsOf(signed.orderHash)).toHaveLength(1);
    });

    it('a resumed execution that cannot settle its stored order (a failed write) leaves it EXECUTING, never FAILED', async () => {
      const { market, tokenId, book } = pickMarket();
      const price = Number((book.asks[0].price - 0.01).toFixed(2));
      const id = await seed(market, tokenId, { price, marketPrice: price, sizeUsd: Number((price * 6).toFixed(2)), expiresAt: new Date(Date.now() + 1500) });
      const { trading, signed } = await crashedAfterStoring(id, tokenId, price);
      expect((await trading.postSignedOrder(signed)).success).toBe(true);
      const writes = jest.spyOn(RiskCheckRepository.prototype, 'record').mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
      try {
        await expect(main.executor.execute(jobFor(id))).rejects.toThrow(/^the stored order may be at the venue but the resumed execution could not settle it: Connection terminated/);
      } finally {
        writes.mockRestore();
      }
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(venueStatusOf(signed.orderHash)).toEqual(['LIVE']);

      await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');
      expect(venueStatusOf(signed.orderHash)).toEqual(['CANCELED']);
    }, CANCELLED_ORDER_TIMEOUT_MS);

    it('an executor of another mode leaves an interrupted live execution alone: EXECUTING, its outcome untouched', async () => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      await crashedAfterStoring(id, tokenId, ask.price);
      const dryRun = await startExecutor({ POLYBOT_DRY_RUN: 'true' });

      await expect(dryRun.executor.execute(jobFor(id))).rejects.toThrow(`intent ${id} was being executed in LIVE mode; this executor runs in DRY_RUN mode`);
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(await outcome(id)).toMatchObject({ status: 'SIGNED' });
      await executeOk(main.executor, id);
    });

    // The venue answers GET /data/order/{id} for a closed order (filled, killed, cancelled) with
    // nothing; so does the simulator. Not found there is neither "never placed" nor "still open".
    it('a resumed execution whose stored FOK the venue filled, and now answers with nothing, finds it by its trades: not posted again, FILLED', async () => {
      const { tokenId, ask, id } = await approvedBuyAtAsk();
      // The crash came after the post: the venue filled the FOK at once.
      const { trading, signed } = await crashedAfterStoring(id, tokenId, ask.price, 'FOK');
      expect(await trading.postSignedOrder(signed)).toMatchObject({ success: true, status: 'matched' });
      expect(await trading.getOrder(signed.orderHash)).toBeNull();
      const postsBefore = sim.orders().length;
      const started = Date.now();

      await executeOk(main.executor, id);

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sim.orders().length).toBe(postsBefore);
      expect(postsOf(signed.orderHash)).toHaveLength(1);
      expect(await outcome(id)).toMatchObject({ status: 'FILLED', order_id: signed.orderHash, filled_size: 6 });
      expect(venueStatusOf(signed.orderHash)).toEqual(['MATCHED']);
    });

    it('a resting GTC cancelled at the venue by someone else (then answered with nothing) ends its execution at once: nothing filled, FAILED', async () => {
      const { market, tokenId, book } = pickMarket();
      const price = Number((book.asks[0].price - 0.01).toFixed(2));
      const id = await seed(market, tokenId, { price, marketPrice: price, sizeUsd: Number((price * 6).toFixed(2)), expiresAt: new Date(Date.now() + 60_000) });
      const cancels = jest.spyOn(ClobTradingClient.prototype, 'cancelOrder');
      const started = Date.now();
      let result: string;
      try {
        const executing = main.executor.execute(jobFor(id));
        const resting = () => sim.exchangeOrders().find((o) => o.assetId === tokenId && o.status === 'LIVE');
        await waitFor(() => resting() !== undefined, { timeoutMs: 5000, what: 'the order resting at the venue' });
        // The operator cancels it at polymarket.com (or the venue does): not through this executor.
        const operator = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: PRIVATE_KEY, signatureType: 0, timeoutMs: 2000 });
        expect(await operator.cancelOrder(resting()!.id)).toBe(true);
        result = await executing;
        // The operator's, then the executor's before it took the order for closed: nothing left to cancel.
        expect(cancels).toHaveBeenCalledTimes(2);
        await expect(cancels.mock.results[1].value).resolves.toBe(false);
      } finally {
        cancels.mockRestore();
      }
      const hash = (await main.moduleRef.get(SignedOrderRepository).findByIntent(id))?.orderHash;
      // Long before the intent's expiry (60 s), with room for the 5 s an order the follower never saw open has to show.
      expect(Date.now() - started).toBeLessThan(30_000);
      expect({ result, reason: (await intents.findById(id))?.statusReason }).toEqual({ result: 'FAILED', reason: expect.stringMatching(/^nothing filled/) });
      expect(await outcome(id)).toMatchObject({ status: 'FAILED', order_id: hash, filled_size: 0 });
      expect(venueStatusOf(hash)).toEqual(['CANCELED']);
    }, 40_000);

    it('a failed status read right after the post does not abandon a resting order: followed to the expiry and cancelled', async () => {
      const { market, tokenId, book } = pickMarket();
      const price = Number((book.asks[0].price - 0.01).toFixed(2));
      const id = await seed(market, tokenId, { price, marketPrice: price, sizeUsd: Number((price * 6).toFixed(2)), expiresAt: new Date(Date.now() + 2500) });
      const reads = jest.spyOn(ClobTradingClient.prototype, 'getOrder').mockRejectedValueOnce(new Error('clob GET /data/order/{id}: timed out after 1000 ms'));
      let result: string;
      try {
        result = await main.executor.execute(jobFor(id));
        expect(reads.mock.calls.length).toBeGreaterThan(1);
      } finally {
        reads.mockRestore();
      }
      expect({ result, reason: (await intents.findById(id))?.statusReason }).toEqual({ result: 'FAILED', reason: expect.stringMatching(/^nothing filled/) });
      expect(venueStatusOf((await main.moduleRef.get(SignedOrderRepository).findByIntent(id))?.orderHash)).toEqual(['CANCELED']);
    }, CANCELLED_ORDER_TIMEOUT_MS);

    it('a resting remainder that could not be cancelled at the expiry is not settled: EXECUTING, and cancelled when resumed', async () => {
      const { market, tokenId, book } = pickMarket();
      const price = Number((book.asks[0].price - 0.01).toFixed(2));
      const id = await seed(market, tokenId, { price, marketPrice: price, sizeUsd: Number((price * 6).toFixed(2)), expiresAt: new Date(Date.now() + 1500) });
      const cancels = jest.spyOn(ClobTradingClient.prototype, 'cancelOrder').mockRejectedValueOnce(new Error('clob DELETE /order: socket hang up'));
      try {
        await expect(main.executor.execute(jobFor(id))).rejects.toThrow(/^order \S+ may still rest at the venue: its remainder could not be cancelled at the intent's expiry and its status is LIVE/);
      } finally {
        cancels.mockRestore();
      }
      const hash = (await main.moduleRef.get(SignedOrderRepository).findByIntent(id))?.orderHash;
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(venueStatusOf(hash)).toEqual(['LIVE']);

      await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');
      expect(venueStatusOf(hash)).toEqual(['CANCELED']);
    }, CANCELLED_ORDER_TIMEOUT_MS);

    it('a failed trades read after a fill leaves the intent EXECUTING; the resumed job records the fill without posting again', async () => {
      const { market, tokenId, book } = pickMarket();
      const ask = book.asks[0];
      const id = await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)), expiresAt: new Date(Date.now() + 1500) });
      // Every read of the trades fails: the follower looks again (the venue shows a filled order nowhere) until the intent's expiry; its last read fails too.
      const trades = jest.spyOn(ClobTradingClient.prototype, 'getTrades').mockRejectedValue(new Error('GET /data/trades: trade: maker_orders.0.matched_amount Expected number'));
      try {
        await expect(main.executor.execute(jobFor(id))).rejects.toThrow(/may be at the venue but its outcome is not settled: GET \/data\/trades/);
      } finally {
        trades.mockRestore();
      }
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(await outcome(id)).toMatchObject({ status: 'POSTED' });

      await executeOk(main.executor, id);
      const stored = await main.moduleRef.get(SignedOrderRepository).findByIntent(id);
      expect(await outcome(id)).toMatchObject({ status: 'FILLED', filled_size: 6 });
      expect(postsOf(stored!.orderHash)).toHaveLength(1);
      expect(await main.moduleRef.get(FillRepository).forIntent(id)).not.toHaveLength(0);
    }, CANCELLED_ORDER_TIMEOUT_MS);

    it('a claim interrupted after its settlement fill, before its outcome, is finished from that fill: SETTLED, EXECUTED, one transaction', async () => {
      const { market, tokenId, book } = pickMarket();
      const ask = book.asks[0];
      await executeOk(main.executor, await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)) }));
      sim.resolveMarket(market.conditionId, 0);
      const id = await seed(market, tokenId, { type: 'CLAIM_SETTLEMENT', side: 'SELL', price: 1, marketPrice: 1, sizeUsd: 0, edge: 0, modelProb: 1 });
      const before = sim.transactions().length;
      // The interruption: the transaction is sent and confirmed and its settlement fill written, and
      // the executor dies before the SETTLED outcome (so the job is delivered again).
      const record = ExecutionRepository.prototype.recordOutcome;
      const writes = jest.spyOn(ExecutionRepository.prototype, 'recordOutcome').mockImplementation(async function (this: ExecutionRepository, o) {
        if (o.status === 'SETTLED') throw new Error('Connection terminated unexpectedly');
        return record.call(this, o);
      });
      try {
        await expect(main.executor.execute(jobFor(id))).rejects.toThrow('Connection terminated unexpectedly');
      } finally {
        writes.mockRestore();
      }
      const txs = sim.transactions().slice(before);
      expect(txs).toHaveLength(1);
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(await outcome(id)).toMatchObject({ status: 'CLAIM_SENT', order_id: txs[0].hash });
      const [fill] = await main.moduleRef.get(FillRepository).forIntent(id);
      expect(fill).toMatchObject({ kind: 'SETTLEMENT', tokenId, price: 1 });

      await executeOk(main.executor, id);

      expect(sim.transactions().slice(before)).toEqual(txs);
      expect(await outcome(id)).toMatchObject({ status: 'SETTLED', order_id: txs[0].hash, filled_size: fill.shares, avg_price: 1, fees: 0, error: null });
      expect(await main.moduleRef.get(FillRepository).forIntent(id)).toEqual([fill]);
      expect((await intents.findById(id))?.status).toBe('EXECUTED');
    });

    it('a resumed claim whose position is gone with no settlement fill of its own is not settled: EXECUTING, never FAILED, no second transaction', async () => {
      // A position bought and claimed in full by one intent; a second claim of it on record as sent
      // (the first's confirmed transaction) with no fill of its own: nothing in the ledger says what it paid.
      const { market, tokenId, book } = pickMarket();
      const ask = book.asks[0];
      await executeOk(main.executor, await seed(market, tokenId, { price: ask.price, marketPrice: ask.price, sizeUsd: Number((ask.price * 6).toFixed(2)) }));
      sim.resolveMarket(market.conditionId, 0);
      const claimFields = { type: 'CLAIM_SETTLEMENT', side: 'SELL', price: 1, marketPrice: 1, sizeUsd: 0, edge: 0, modelProb: 1 } as const;
      await executeOk(main.executor, await seed(market, tokenId, claimFields));
      const sent = sim.transactions().at(-1)!;
      const id = await seed(market, tokenId, claimFields);
      await intents.transition(id, 'StartExecution', { now: new Date(), actor: 'executor' });
      await main.moduleRef.get(ExecutionRepository).recordOutcome({ intentId: id, mode: 'LIVE', status: 'CLAIM_SENT', orderRequest: null, orderId: sent.hash });
      const before = sim.transactions().length;

      const error: unknown = await main.executor.execute(jobFor(id)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(OrderNotSettled);
      expect(String(error)).toMatch(`claim transaction ${sent.hash} is confirmed but the position in token ${tokenId} is gone and no settlement fill was recorded for it`);
      expect(sim.transactions()).toHaveLength(before);
      expect((await intents.findById(id))?.status).toBe('EXECUTING');
      expect(await outcome(id)).toMatchObject({ status: 'CLAIM_SENT', order_id: sent.hash });
      expect(await main.moduleRef.get(FillRepository).forIntent(id)).toEqual([]);
    });

    it('a refused order whose FAILED transition hit a database blip is not posted again by the retried job', async () => {
      const { id } = await approvedBuyAtAsk();
      const posts = jest.spyOn(ClobTradingClient.prototype, 'postSignedOrder').mockResolvedValueOnce({ success: false, orderId: null, status: '', errorMsg: 'not enough balance / allowance', tradeIds: [] });
      const transition = IntentRepository.prototype.transition;
      // Only this intent's first FailExecution: the reconciler may move other tests' intents meanwhile.
      let blipped = false;
      const blip = jest.spyOn(IntentRepository.prototype, 'transition').mockImplementation(async function (this: IntentRepository, ...args) {
        if (!blipped && args[0] === id && args[1] === 'FailExecution') {
          blipped = true;
          throw new Error('Connection terminated unexpectedly');
        }
        return transition.apply(this, args);
      });
      try {
        await expect(main.executor.execute(jobFor(id))).rejects.toThrow('Connection terminated unexpectedly');
        expect((await intents.findById(id))?.status).toBe('EXECUTING');
        await expect(main.executor.execute(jobFor(id))).resolves.toBe('FAILED');
        expect(posts).toHaveBeenCalledTimes(1);
      } finally {
        posts.mockRestore();
        blip.mockRestore();
      }
      expect((await intents.findById(id))?.statusReason).toBe('venue refused the order: not enough balance / allowance');
    });
  });

  it('never wrote the private key, API secret or passphrase into any log line', () => {
    const creds = sim.apiCredentials(ADDRESS);
    const lines = executors.flatMap((e) => e.test.logLines);
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [PRIVATE_KEY, PRIVATE_KEY.slice(2), creds.secret, creds.passphrase]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });
});
