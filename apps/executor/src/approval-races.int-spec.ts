import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { IntentService } from '@polybot/intents';
import { IntentsModule } from '@polybot/intents';
import {
  createTestDatabase,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  type NewIntent,
  type TestDatabase,
} from '@polybot/persistence';
import { createTestRuntime, testMarket, type TestRuntime } from '@polybot/runtime';
import { ExecuteIntentService } from './execute-intent.service';
import { ExecutorModule } from './executor.module';

/**
 * Decisions racing the clock and the kill switches, against the real database: whatever wins,
 * the end state is consistent and no intent that ended REJECTED or EXPIRED has an order.
 */
describe('approval races (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let intents: IntentRepository;
  let approvals: IntentService;
  let executor: ExecuteIntentService;
  const market = testMarket(`m-${randomUUID()}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('executor', { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'live', POLYBOT_MAX_ORDERS_PER_HOUR: '1000' });
    moduleRef = await Test.createTestingModule({ imports: [...test.serviceImports(db.url, ExecutorModule), IntentsModule] }).compile();
    intents = moduleRef.get(IntentRepository);
    approvals = moduleRef.get(IntentService);
    executor = moduleRef.get(ExecuteIntentService);
    await moduleRef.get(MarketRepository).upsertMany([market]);
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  const pending = async (expiresInMs: number): Promise<string> => {
    const now = Date.now();
    const input: NewIntent = {
      type: 'OPEN_POSITION', marketId: market.marketId, conditionId: market.conditionId, tokenId: `t-${randomUUID()}`, outcome: 'Yes',
      side: 'BUY', price: 0.51, sizeUsd: 10, edge: 0.07, modelProb: 0.58, marketPrice: 0.51, confidence: 0.9, reason: 'race',
      strategy: 'test', createdAt: new Date(now), expiresAt: new Date(now + expiresInMs),
    };
    return (await intents.createPending(input, [], { actor: 'test' }))!.id;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const outcomesOf = async (id: string): Promise<{ order_request: unknown; status: string }[]> =>
    db.dataSource.query('SELECT order_request, status FROM execution_outcomes WHERE intent_id = $1', [id]);
  const executeAll = (ids: string[]) => Promise.all(ids.map((id) => executor.execute({ v: 1, intentId: id, approvedAt: new Date().toISOString() })));

  it('approval at the instant of expiry: each intent is either EXPIRED with no order, or approved and executed once', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => pending(400)));
    // Approvals start across the last ~200 ms before expires_at, sweeps around it: some approvals
    // win, some arrive too late, and some meet a sweep head on.
    await Promise.all([
      ...ids.map(async (id, i) => {
        await sleep(200 + i * 10);
        await approvals.approve(id, 'racer').catch(() => undefined);
      }),
      ...[380, 390, 400, 410, 420].map(async (delay) => {
        await sleep(delay);
        await approvals.expireDue('racer-sweep');
      }),
    ]);
    await executeAll(ids);

    const finals = await Promise.all(ids.map(async (id) => ({ intent: await intents.findById(id), outcomes: await outcomesOf(id) })));
    for (const { intent, outcomes } of finals) {
      expect(['EXPIRED', 'EXECUTED']).toContain(intent?.status);
      if (intent?.status === 'EXPIRED') expect(outcomes).toEqual([]);
      else expect(outcomes).toHaveLength(1);
    }
  });

  it('approval racing a kill switch trip: nothing approved after the trip is executed, no rejected intent has an order', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => pending(600_000)));
    const switches = moduleRef.get(KillSwitchRepository);
    const trip = async () => {
      await sleep(3);
      const at = new Date();
      // What the risk service's monitor does when a switch trips.
      await switches.trip('SPREAD_ANOMALY', 4.2, 3, 'SPREAD_ANOMALY: spread 4.2x its normal (limit 3x)', 'kill-switch:SPREAD_ANOMALY', at);
      await intents.rejectAllPending('Kill switch SPREAD_ANOMALY tripped', 'kill-switch:SPREAD_ANOMALY', at);
    };
    await Promise.all([...ids.map((id) => approvals.approve(id, 'racer').catch(() => undefined)), trip()]);
    await executeAll(ids);

    let rejected = 0;
    for (const id of ids) {
      const intent = await intents.findById(id);
      const outcomes = await outcomesOf(id);
      expect(['REJECTED', 'FAILED']).toContain(intent?.status);
      if (intent?.status === 'REJECTED') {
        rejected += 1;
        expect(outcomes).toEqual([]);
      } else {
        // Approved before the trip, refused at execution by the re-check: no order was built.
        expect(intent?.statusReason).toMatch(/KILL_SWITCHES/);
        expect(outcomes).toEqual([{ order_request: null, status: 'FAILED' }]);
      }
    }
    expect(rejected).toBeGreaterThan(0);
    await switches.clear('SPREAD_ANOMALY', 'test', new Date());
  });
});
