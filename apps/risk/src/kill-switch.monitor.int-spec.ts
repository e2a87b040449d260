import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { IntentBlockedError, IntentService } from '@polybot/intents';
import {
  AccountSnapshotRepository,
  createTestDatabase,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  SignalRepository,
  VenueCallRepository,
  type NewIntent,
  type TestDatabase,
} from '@polybot/persistence';
import { parsePayload, QueueName } from '@polybot/queues';
import { CLOCK, createTestRuntime, testMarket, type Clock, type TestRuntime } from '@polybot/runtime';
import { KillSwitchMonitor } from './kill-switch.monitor';
import { MarketDataAgeService } from './market-data-age.service';
import { ProposeIntentsService } from './propose-intents.service';
import { RiskModule } from './risk.module';
import { SignalRecordWriter } from './state/signal-record.writer';

/**
 * Kill switches as an operator lives them: a switch trips on real stored numbers, rejects every
 * pending intent, stays tripped across a restart of the risk service, blocks new positions and
 * approvals meanwhile, and lets everything through again once cleared.
 */
describe('kill switches (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;

  const start = async (clock?: Clock) => {
    const builder = Test.createTestingModule({ imports: test.serviceImports(db.url, RiskModule) });
    moduleRef = await (clock ? builder.overrideProvider(CLOCK).useValue(clock) : builder).compile();
    return moduleRef;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('risk', { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'paper' });
    await start();
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  const market = testMarket(`m-${randomUUID()}`);
  const pending = async (): Promise<string> => {
    const now = Date.now();
    const input: NewIntent = {
      type: 'OPEN_POSITION', marketId: market.marketId, conditionId: market.conditionId, tokenId: `t-${randomUUID()}`, outcome: 'Yes',
      side: 'BUY', price: 0.51, sizeUsd: 100, edge: 0.07, modelProb: 0.58, marketPrice: 0.51, confidence: 0.9, reason: 'test',
      strategy: 'test', createdAt: new Date(now), expiresAt: new Date(now + 600_000),
    };
    return (await moduleRef.get(IntentRepository).createPending(input, [], { actor: 'test' }))!.id;
  };

  it('trips API_ERRORS on the stored call outcomes, rejects every pending intent, and records the event', async () => {
    await moduleRef.get(MarketRepository).upsertMany([market]);
    const [a, b] = [await pending(), await pending()];
    const now = new Date();
    // 12 failures out of 20 calls in the window: 60% >= 50%.
    await moduleRef.get(VenueCallRepository).recordMany([
      ...Array.from({ length: 8 }, () => ({ endpoint: 'clob POST /books', ok: true, at: now })),
      ...Array.from({ length: 12 }, () => ({ endpoint: 'clob POST /books', ok: false, at: now })),
    ]);

    const readings = await moduleRef.get(KillSwitchMonitor).check([]);
    expect(readings.find((r) => r.name === 'API_ERRORS')).toMatchObject({ tripped: true, value: 60, threshold: 50 });

    const intents = moduleRef.get(IntentRepository);
    for (const id of [a, b]) {
      const intent = await intents.findById(id);
      expect(intent?.status).toBe('REJECTED');
      expect(intent?.decidedBy).toBe('kill-switch:API_ERRORS');
      expect(intent?.statusReason).toMatch(/^Kill switch API_ERRORS tripped: /);
    }
    const switches = moduleRef.get(KillSwitchRepository);
    expect((await switches.tripped()).map((s) => [s.name, s.value, s.threshold])).toEqual([['API_ERRORS', 60, 50]]);
    expect((await switches.events(10)).map((e) => [e.name, e.action])).toEqual([['API_ERRORS', 'TRIPPED']]);
    expect(test.logs().some((line) => line.level === 'ERROR' && String(line.message).startsWith('Kill switch tripped: API_ERRORS'))).toBe(true);
    const metrics = await test.runtime.metrics.registry.getSingleMetricAsString('polybot_kill_switch_active');
    expect(metrics).toContain('polybot_kill_switch_active{switch="API_ERRORS",service="risk"} 1');

    // Checking again does not trip it twice.
    await moduleRef.get(KillSwitchMonitor).check([]);
    expect(await switches.events(10)).toHaveLength(1);
  });

  it('stays tripped across a restart: new positions are denied and approvals blocked, naming the switch', async () => {
    await moduleRef.close();
    await start();
    expect((await moduleRef.get(KillSwitchRepository).tripped()).map((s) => s.name)).toEqual(['API_ERRORS']);

    const signalMarket = testMarket(`m-${randomUUID()}`);
    const signal = {
      strategy: 'test', marketId: signalMarket.marketId, conditionId: signalMarket.conditionId, tokenId: signalMarket.tokens[0].tokenId,
      outcome: 'Yes', side: 'BUY' as const, modelProb: 0.6, marketPrice: 0.51, edge: 0.09, confidence: 0.9, reason: 'test',
    };
    const created = await moduleRef.get(ProposeIntentsService).handle(parsePayload(QueueName.Signals, { v: 1, cycleId: 'c1', items: [{ signal, market: signalMarket }] }));
    expect(created).toEqual([]);
    await moduleRef.get(SignalRecordWriter).drain();
    const [recorded] = (await moduleRef.get(SignalRepository).recent(1));
    expect(recorded.decision).toBe('DENIED');
    expect(recorded.checks[0]).toMatchObject({ name: 'KILL_SWITCHES', passed: false });
    expect(recorded.checks[0].message).toContain('API_ERRORS');
    expect((await test.runtime.metrics.riskDenials.get()).values.map(({ labels, value }) => [labels.check, value])).toEqual([['KILL_SWITCHES', 1]]);

    const id = await pending();
    const approval = moduleRef.get(IntentService).approve(id, 'test');
    await expect(approval).rejects.toThrow(IntentBlockedError);
    await expect(moduleRef.get(IntentService).approve(id, 'test')).rejects.toThrow(/KILL_SWITCHES: .*API_ERRORS/);
    expect((await moduleRef.get(IntentRepository).findById(id))?.status).toBe('PENDING');
  });

  it('lets approvals through again once a person clears the switch', async () => {
    await moduleRef.get(KillSwitchRepository).clear('API_ERRORS', 'test-operator', new Date());
    // The old failures are still in the window: move them out, as time would.
    await db.dataSource.query(`UPDATE venue_calls SET bucket_start = bucket_start - interval '1 hour'`);
    const id = await pending();
    const approved = await moduleRef.get(IntentService).approve(id, 'test');
    expect(approved.status).toBe('APPROVED');
    expect((await moduleRef.get(KillSwitchRepository).events(10)).map((e) => e.action)).toEqual(['CLEARED', 'TRIPPED']);
  });

  it('trips DRAWDOWN on the equity curve and STALE_DATA on the age of the newest market data', async () => {
    const accounts = moduleRef.get(AccountSnapshotRepository);
    const snapshot = (equity: number, secondsAgo: number, mode = 'paper') =>
      accounts.record({ takenAt: new Date(Date.now() - secondsAgo * 1000), mode, bankroll: 10_000, cash: equity, equity, positions: [], openOrders: [], balances: {}, unavailable: [] });
    // The live ledger's history is not this paper run's: neither its peak nor its latest point counts.
    await snapshot(50_000, 180, 'live');
    await snapshot(10_000, 120);
    await snapshot(8_400, 60); // 16% below the peak: over 15%
    await snapshot(100, 30, 'live');
    await db.dataSource.query(`UPDATE markets SET updated_at = now() - interval '2 minutes'`);
    await moduleRef.close();
    let now = Date.now();
    await start(() => now);
    await moduleRef.get(MarketDataAgeService).onApplicationBootstrap(); // after a restart the data age comes from the stored markets
    // Restarted after a pause: the feed gets the STALE_DATA limit to resume before its age counts.
    const starting = await moduleRef.get(KillSwitchMonitor).check([]);
    expect(starting.find((r) => r.name === 'STALE_DATA')).toMatchObject({ tripped: false, value: null });
    now += 60_000;
    const readings = await moduleRef.get(KillSwitchMonitor).check([]);
    expect(readings.find((r) => r.name === 'DRAWDOWN')).toMatchObject({ tripped: true, value: 16, threshold: 15 });
    const stale = readings.find((r) => r.name === 'STALE_DATA');
    expect(stale?.tripped).toBe(true);
    // It has not resumed: judged on the stored data's own age, not on the time since the start.
    expect(stale?.value).toBeGreaterThanOrEqual(180);
    expect((await moduleRef.get(KillSwitchRepository).tripped()).map((s) => s.name).sort()).toEqual(['DAILY_LOSS', 'DRAWDOWN', 'STALE_DATA']);
  });
});
