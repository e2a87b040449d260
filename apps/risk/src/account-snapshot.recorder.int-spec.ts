import { Test, type TestingModule } from '@nestjs/testing';
import { AccountSnapshotRepository, createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { createTestRuntime, type TestRuntime } from '@polybot/runtime';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { Wallet } from 'ethers';
import { AccountSnapshotRecorder } from './account-snapshot.recorder';
import { RiskModule } from './risk.module';

/** A throwaway key for this run. */
const PRIVATE_KEY = Wallet.createRandom().privateKey;

/**
 * The equity point of each cycle. In live mode it carries the venue's balances, read through the
 * signing libraries risk loads only then (a dynamic import); in paper mode only the ledger.
 */
describe('account snapshots per cycle (real Postgres, the simulator over HTTP)', () => {
  let db: TestDatabase;
  let sim: RunningSimulator;
  const started: { test: TestRuntime; moduleRef: TestingModule }[] = [];

  const startRisk = async (env: Record<string, string>) => {
    const test = createTestRuntime('risk', { POLYBOT_DATABASE_URL: db.url, ...env });
    const moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, RiskModule) }).compile();
    started.push({ test, moduleRef });
    return moduleRef;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, events: 5, startingBalanceUsd: 1234 });
  });

  afterAll(async () => {
    for (const { test, moduleRef } of started) {
      await test.obliterateQueues();
      await moduleRef.close();
    }
    await sim?.close();
    await db?.drop();
  });

  it('records the venue balance in live mode, and the ledger alone in paper mode', async () => {
    const live = await startRisk({
      POLYBOT_MODE: 'live', POLYBOT_DRY_RUN: 'false', POLYBOT_CONFIRM_LIVE: 'yes', POLYBOT_POLYGON_PRIVATE_KEY: PRIVATE_KEY,
      POLYBOT_CLOB_API_URL: sim.clobUrl, POLYBOT_DATA_API_URL: sim.dataApiUrl, POLYBOT_HTTP_TIMEOUT_MS: '2000',
    });
    await live.get(AccountSnapshotRecorder).onCycle('cycle-live');
    const recorded = await live.get(AccountSnapshotRepository).latest();
    expect(recorded).toMatchObject({ mode: 'live', unavailable: [] });
    const balances = recorded?.balances as { collateral?: { balance: number } } | undefined;
    expect(balances?.collateral?.balance).toBeCloseTo(1234, 6);

    const paper = await startRisk({ POLYBOT_MODE: 'paper' });
    await paper.get(AccountSnapshotRecorder).onCycle('cycle-paper');
    expect(await paper.get(AccountSnapshotRepository).latest()).toMatchObject({ mode: 'paper', balances: {}, openOrders: [], unavailable: [] });
  });
});
