import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { EventSnapshot, SignalWithMarket } from '@polybot/domain';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { parsePayload, QueueName, type SignalBatchJob, type SnapshotBatchJob } from '@polybot/queues';
import { createTestRuntime, testMarket, testNegRiskEvent, type TestRuntime } from '@polybot/runtime';
import { EvaluateSnapshotsService } from './evaluate-snapshots.service';
import { StrategyModule } from './strategy.module';

/** The job as the worker receives it: validated by the queue's schema. */
const batchOf = (events: EventSnapshot[]): SnapshotBatchJob =>
  parsePayload(QueueName.SnapshotsForStrategy, { v: 1, cycleId: randomUUID(), fetchedAt: new Date().toISOString(), events });

describe('EvaluateSnapshotsService (real Redis)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let service: EvaluateSnapshotsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('strategy', {
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_STRATEGIES: 'neg_risk_consistency',
      POLYBOT_EDGE_THRESHOLD: '0.03',
    });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, StrategyModule) }).compile();
    service = moduleRef.get(EvaluateSnapshotsService);
  });

  afterAll(async () => {
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  const signalJobs = async (): Promise<SignalBatchJob[]> =>
    (await test.runtime.queue.queue(QueueName.Signals).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).map((job) => job.data as SignalBatchJob);

  it('raises exactly one signal job for a mispriced neg-risk event, with the expected numbers', async () => {
    // YES mids 0.50 + 0.30 + 0.10 = 0.90: fair values 0.5556, 0.3333, 0.1111 against asks 0.51, 0.31, 0.11.
    // Only A's edge (0.0456) reaches the 3% threshold; B's (0.0233) and C's (0.0011) do not.
    const event = testNegRiskEvent(`ev-${randomUUID()}`, [
      testMarket('mkt-a', { yesBid: 0.49, yesAsk: 0.51 }),
      testMarket('mkt-b', { yesBid: 0.29, yesAsk: 0.31 }),
      testMarket('mkt-c', { yesBid: 0.09, yesAsk: 0.11 }),
    ]);
    const batch = batchOf([event]);

    const items = await service.evaluate(batch);

    expect(items).toHaveLength(1);
    const jobs = await signalJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ v: 1, cycleId: batch.cycleId });
    expect(jobs[0].items).toHaveLength(1);
    const [{ signal, market }] = jobs[0].items as SignalWithMarket[];
    expect(market.marketId).toBe('mkt-a');
    expect(signal).toMatchObject({
      strategy: 'neg_risk_consistency',
      marketId: 'mkt-a',
      conditionId: '0xcond-mkt-a',
      tokenId: 'mkt-a-yes',
      outcome: 'Yes',
      side: 'BUY',
      marketPrice: 0.51,
    });
    expect(signal.modelProb).toBeCloseTo(0.5 / 0.9, 10);
    expect(signal.edge).toBeCloseTo(0.5 / 0.9 - 0.51, 10);
    // The mids miss 1 by 0.10 of the 0.50 allowed: confidence 0.8.
    expect(signal.confidence).toBeCloseTo(0.8, 10);
  });

  it('raises nothing for a consistent neg-risk event', async () => {
    const before = (await signalJobs()).length;
    const event = testNegRiskEvent(`ev-${randomUUID()}`, [
      testMarket('mkt-d', { yesBid: 0.49, yesAsk: 0.51 }),
      testMarket('mkt-e', { yesBid: 0.29, yesAsk: 0.31 }),
      testMarket('mkt-f', { yesBid: 0.19, yesAsk: 0.21 }),
    ]);

    await expect(service.evaluate(batchOf([event]))).resolves.toEqual([]);

    expect(await signalJobs()).toHaveLength(before);
  });
});
