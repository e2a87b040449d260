import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { IntentService } from '@polybot/intents';
import { createTestDatabase, IntentRepository, SignalRepository, type RecordedSignal, type TestDatabase } from '@polybot/persistence';
import { createTestRuntime, testMarket, type TestRuntime } from '@polybot/runtime';
import { IntentExpiryLoop } from './intent-expiry.loop';
import { ProposeIntentsService } from './propose-intents.service';
import { RiskModule } from './risk.module';
import { SignalRecordWriter } from './state/signal-record.writer';
import { batchOf } from './test/signal-batch.fixture';

const EXPIRY_SECONDS = 90;
const CHECK_NAMES = [
  'UNIVERSE', 'MARKET_DATA_AGE', 'MIN_EDGE', 'MAX_POSITION_PCT', 'MAX_NOTIONAL_PER_MARKET', 'MIN_ORDER_SIZE',
  'MAX_TOTAL_EXPOSURE_PCT', 'MAX_CATEGORY_EXPOSURE_PCT', 'MAX_ORDERS_PER_HOUR', 'DAILY_LOSS_LIMIT',
];

describe('risk (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let propose: ProposeIntentsService;
  let intents: IntentRepository;
  let signals: SignalRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('risk', { POLYBOT_DATABASE_URL: db.url, POLYBOT_INTENT_EXPIRY_SECONDS: String(EXPIRY_SECONDS) });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, RiskModule) }).compile();
    propose = moduleRef.get(ProposeIntentsService);
    intents = moduleRef.get(IntentRepository);
    signals = moduleRef.get(SignalRepository);
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  /** Signal records are stored in the background; wait for them first. */
  const recordedFor = async (tokenId: string): Promise<RecordedSignal[]> => {
    await moduleRef.get(SignalRecordWriter).drain();
    return (await signals.recent(1000)).filter((signal) => signal.tokenId === tokenId).reverse();
  };

  const denialsOf = async (check: string): Promise<number> =>
    (await test.runtime.metrics.riskDenials.get()).values.find((value) => value.labels.check === check)?.value ?? 0;

  const intentsFor = async (tokenId: string): Promise<number> =>
    Number((await db.dataSource.query('SELECT count(*) AS n FROM intents WHERE token_id = $1', [tokenId]))[0].n);

  it('proposes a PENDING intent with every check stored, then records the same signal again as DUPLICATE', async () => {
    const market = testMarket(`m-${randomUUID()}`);
    const tokenId = market.tokens[0].tokenId;

    const [intent] = await propose.handle(batchOf(market));

    expect(intent).toBeDefined();
    const stored = await intents.findById(intent.id);
    expect(stored).toMatchObject({ status: 'PENDING', type: 'OPEN_POSITION', marketId: market.marketId, tokenId, side: 'BUY', edge: 0.07 });
    expect(stored?.riskChecks.map((check) => check.name)).toEqual(CHECK_NAMES);
    expect(stored?.riskChecks.every((check) => check.passed)).toBe(true);
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(EXPIRY_SECONDS * 1000);
    const [first] = await recordedFor(tokenId);
    expect(first).toMatchObject({ decision: 'PROPOSED', intentId: intent.id, edge: 0.07 });
    expect(first.checks.map((check) => check.name)).toEqual(CHECK_NAMES);

    await expect(propose.handle(batchOf(market))).resolves.toEqual([]);

    const recorded = await recordedFor(tokenId);
    expect(recorded.map((signal) => signal.decision)).toEqual(['PROPOSED', 'DUPLICATE']);
    expect(recorded[1].intentId).toBeNull();
    expect(await intentsFor(tokenId)).toBe(1);
  });

  it('denies a signal on a market with tiny liquidity, storing its checks and no intent', async () => {
    const market = testMarket(`m-${randomUUID()}`, { liquidityUsd: 10 });
    const tokenId = market.tokens[0].tokenId;
    const deniedBefore = await denialsOf('UNIVERSE');

    await expect(propose.handle(batchOf(market))).resolves.toEqual([]);

    expect((await denialsOf('UNIVERSE')) - deniedBefore).toBe(1);
    const [denied] = await recordedFor(tokenId);
    expect(denied).toMatchObject({ decision: 'DENIED', intentId: null });
    expect(denied.checks.map((check) => check.name)).toEqual(CHECK_NAMES);
    const universe = denied.checks.find((check) => check.name === 'UNIVERSE');
    expect(universe?.passed).toBe(false);
    expect(universe?.message).toMatch(/liquidity/i);
    expect(await intentsFor(tokenId)).toBe(0);
  });

  it('denies a signal on a market whose own data is as old as the STALE_DATA limit, while fresher markets still flow', async () => {
    const stale = testMarket(`m-${randomUUID()}`, { fetchedAt: new Date(Date.now() - 61_000).toISOString() });
    const fresh = testMarket(`m-${randomUUID()}`);
    const [ageBefore, edgeBefore] = [await denialsOf('MARKET_DATA_AGE'), await denialsOf('MIN_EDGE')];

    const proposed = await propose.handle(batchOf(stale, fresh));

    // Counted under the check that failed only, so a chart of denials by check shows stale markets.
    expect([(await denialsOf('MARKET_DATA_AGE')) - ageBefore, (await denialsOf('MIN_EDGE')) - edgeBefore]).toEqual([1, 0]);
    expect(proposed.map((intent) => intent.marketId)).toEqual([fresh.marketId]);
    const [denied] = await recordedFor(stale.tokens[0].tokenId);
    expect(denied).toMatchObject({ decision: 'DENIED', intentId: null });
    const age = denied.checks.find((check) => check.name === 'MARKET_DATA_AGE');
    expect(age).toMatchObject({ passed: false, limit: 60 });
    expect(age?.message).toMatch(/^market data 6\d\.\d s old >= STALE_DATA limit 60 s$/);
    expect(denied.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(['MARKET_DATA_AGE']);
    expect(await intentsFor(stale.tokens[0].tokenId)).toBe(0);
  });

  it('expires a PENDING intent past its expires_at (IntentService.expireDue)', async () => {
    const market = testMarket(`m-${randomUUID()}`);
    const now = Date.now();
    const due = await intents.createPending(
      {
        type: 'OPEN_POSITION', marketId: market.marketId, conditionId: market.conditionId, tokenId: `tok-${randomUUID()}`,
        outcome: 'Yes', side: 'BUY', price: 0.51, sizeUsd: 100, edge: 0.07, modelProb: 0.58, marketPrice: 0.51,
        confidence: 0.9, reason: 'test', strategy: 'neg_risk_consistency',
        createdAt: new Date(now - 120_000), expiresAt: new Date(now - 60_000),
      },
      [{ name: 'MIN_EDGE', passed: true, value: 0.07, limit: 0.05, message: 'ok' }],
      { actor: 'test' },
    );
    const open = await intents.createPending(
      {
        type: 'OPEN_POSITION', marketId: market.marketId, conditionId: market.conditionId, tokenId: `tok-${randomUUID()}`,
        outcome: 'Yes', side: 'BUY', price: 0.51, sizeUsd: 100, edge: 0.07, modelProb: 0.58, marketPrice: 0.51,
        confidence: 0.9, reason: 'test', strategy: 'neg_risk_consistency',
        createdAt: new Date(now), expiresAt: new Date(now + 600_000),
      },
      [{ name: 'MIN_EDGE', passed: true, value: 0.07, limit: 0.05, message: 'ok' }],
      { actor: 'test' },
    );

    const expired = await moduleRef.get(IntentService).expireDue();

    expect(expired.map((intent) => intent.id)).toContain(due!.id);
    expect(expired.map((intent) => intent.id)).not.toContain(open!.id);
    expect((await intents.findById(due!.id))?.status).toBe('EXPIRED');
    expect((await intents.findById(open!.id))?.status).toBe('PENDING');
  });

  it('IntentExpiryLoop sweeps due intents on its own', async () => {
    const now = Date.now();
    const due = await intents.createPending(
      {
        type: 'OPEN_POSITION', marketId: 'm-loop', conditionId: '0xcond-loop', tokenId: `tok-${randomUUID()}`,
        outcome: 'Yes', side: 'BUY', price: 0.51, sizeUsd: 100, edge: 0.07, modelProb: 0.58, marketPrice: 0.51,
        confidence: 0.9, reason: 'test', strategy: 'neg_risk_consistency',
        createdAt: new Date(now - 120_000), expiresAt: new Date(now - 1_000),
      },
      [{ name: 'MIN_EDGE', passed: true, value: 0.07, limit: 0.05, message: 'ok' }],
      { actor: 'test' },
    );
    const loop = moduleRef.get(IntentExpiryLoop);
    loop.onApplicationBootstrap();
    try {
      // Bounded wait for the sweep (it runs every 250 ms); the assertion is on the state, not the time.
      let status = (await intents.findById(due!.id))?.status;
      for (let i = 0; i < 100 && status === 'PENDING'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await intents.findById(due!.id))?.status;
      }
      expect(status).toBe('EXPIRED');
    } finally {
      loop.onApplicationShutdown();
    }
  });
});
