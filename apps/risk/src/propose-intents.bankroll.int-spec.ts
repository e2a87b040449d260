import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { AccountSnapshotRepository, createTestDatabase, SignalRepository, type TestDatabase } from '@polybot/persistence';
import { createTestRuntime, testMarket, type TestRuntime } from '@polybot/runtime';
import { waitFor } from '@polybot/testing';
import { ProposeIntentsService } from './propose-intents.service';
import { RiskModule } from './risk.module';
import { SignalRecordWriter } from './state/signal-record.writer';
import { batchOf } from './test/signal-batch.fixture';

describe('risk with real orders: the bankroll is what the account holds (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('risk', {
      POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'live', POLYBOT_DRY_RUN: 'false', POLYBOT_CONFIRM_LIVE: 'yes',
      POLYBOT_POLYGON_PRIVATE_KEY: `0x${'22'.repeat(32)}`, POLYBOT_CLOB_API_URL: 'http://127.0.0.1:9/clob', POLYBOT_DATA_API_URL: 'http://127.0.0.1:9/data',
    });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, RiskModule) }).compile();
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  it('denies every new position as BANKROLL until the account has been read, then sizes within what it holds', async () => {
    const propose = moduleRef.get(ProposeIntentsService);
    const unread = testMarket(`m-${randomUUID()}`);
    await expect(propose.handle(batchOf(unread))).resolves.toEqual([]);
    await moduleRef.get(SignalRecordWriter).drain();
    const [denied] = (await moduleRef.get(SignalRepository).recent(10)).filter((s) => s.tokenId === unread.tokens[0].tokenId);
    expect(denied.checks).toEqual([expect.objectContaining({ name: 'BANKROLL', passed: false, message: expect.stringContaining('were not read in the last 300 s') })]);

    await moduleRef.get(AccountSnapshotRepository).record({
      takenAt: new Date(), mode: 'live', bankroll: null, cash: null, equity: null, positions: [], openOrders: [], unavailable: [],
      balances: { collateral: { balance: 500, allowances: {} } },
    });
    // Risk re-reads its view of the portfolio within a second.
    let sizeUsd = 0;
    await waitFor(async () => {
      const [intent] = await propose.handle(batchOf(testMarket(`m-${randomUUID()}`)));
      sizeUsd = intent?.sizeUsd ?? 0;
      return intent !== undefined;
    }, { timeoutMs: 5000, what: 'an intent once the account was read' });
    // 2 % of the $500 the account holds less the 1 % sizing margin, not of POLYBOT_PAPER_BANKROLL's $10,000.
    expect(sizeUsd).toBeGreaterThan(0);
    expect(sizeUsd).toBeLessThanOrEqual(9.9);
  });
});
