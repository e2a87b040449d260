import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import type { IntentStatus, OrderRequest } from '@polybot/domain';
import {
  callTimeline,
  ExecutionRepository,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  RiskCheckRepository,
  type NewIntent,
  type TestDatabase,
} from '@polybot/persistence';
import { approvedIntentJobId, QueueName, type ApprovedIntentJob } from '@polybot/queues';
import { PortfolioService } from '@polybot/portfolio';
import { testMarket, type TestRuntime } from '@polybot/runtime';
import type { RunningSimulator } from '@polybot/simulator';
import { ApprovedIntentReconciler } from './approved-intent.reconciler';
import { ExecuteIntentService } from './execute-intent.service';
import { EXECUTION_VENUE, OrderNotSettled, WithholdDeferred, type ExecutionVenue } from './execution-venue';
import { startExecutorTestBed, type ExecutorTestBed } from './testing/executor-test-bed';

const CHECKS = [{ name: 'MIN_EDGE', passed: true, value: 0.06, limit: 0.05, message: 'edge 6.0% >= 5.0%' }];

describe('executor (real Postgres, Redis, simulator)', () => {
  let bed: ExecutorTestBed;
  let db: TestDatabase;
  let sim: RunningSimulator;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let intents: IntentRepository;
  let executions: ExecutionRepository;
  let executor: ExecuteIntentService;
  const marketId = `m-${randomUUID()}`;

  beforeAll(async () => {
    // The venue URLs point at the simulator: had anything tried to place an order, it would have landed there.
    bed = await startExecutorTestBed({ POLYBOT_MODE: 'live' });
    ({ db, sim, test, moduleRef } = bed);
    intents = moduleRef.get(IntentRepository);
    executions = moduleRef.get(ExecutionRepository);
    executor = moduleRef.get(ExecuteIntentService);
    await moduleRef.get(MarketRepository).upsertMany([testMarket(marketId, { tickSize: 0.01, minOrderSize: 5 })]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  async function seed(status: IntentStatus, overrides: Partial<NewIntent> = {}): Promise<string> {
    const now = Date.now();
    const intent = await intents.createPending(
      {
        type: 'OPEN_POSITION',
        marketId,
        conditionId: `0xcond-${marketId}`,
        tokenId: `token-${randomUUID()}`,
        outcome: 'Yes',
        side: 'BUY',
        price: 0.423,
        sizeUsd: 150,
        edge: 0.06,
        modelProb: 0.483,
        marketPrice: 0.423,
        confidence: 0.8,
        reason: 'test',
        strategy: 'neg_risk_consistency',
        createdAt: new Date(now),
        expiresAt: new Date(now + 600_000),
        ...overrides,
      },
      CHECKS,
      { actor: 'test' },
    );
    if (!intent) throw new Error('seed intent was not created');
    const at = { now: new Date(), actor: 'test' };
    if (status === 'APPROVED') await intents.transition(intent.id, 'Approve', at);
    if (status === 'REJECTED') await intents.transition(intent.id, 'Reject', at);
    if (status === 'EXPIRED') await intents.transition(intent.id, 'Expire', at);
    expect((await intents.findById(intent.id))?.status).toBe(status);
    return intent.id;
  }

  const jobFor = (intentId: string): ApprovedIntentJob => ({ v: 1, intentId, approvedAt: new Date().toISOString() });

  async function outcomeRows(intentId: string): Promise<{ mode: string; status: string; order_request: OrderRequest | null; error: string | null }[]> {
    return db.dataSource.query('SELECT mode, status, order_request, error FROM execution_outcomes WHERE intent_id = $1', [intentId]);
  }

  it('executes an APPROVED intent once in dry run, recording the exact order it would have placed', async () => {
    const id = await seed('APPROVED');
    const intent = await intents.findById(id);

    await expect(executor.execute(jobFor(id))).resolves.toBe('EXECUTED');

    const rows = await outcomeRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mode: 'DRY_RUN', status: 'DRY_RUN', error: null });
    // 0.423 rounds UP to the 0.01 tick for a BUY; $150 / 0.43 = 348.837... floored to 0.01 shares.
    expect(rows[0].order_request).toEqual({
      clientOrderId: `polybot-${id}`,
      intentId: id,
      tokenId: intent?.tokenId,
      side: 'BUY',
      price: 0.43,
      size: 348.83,
      notionalUsd: 149.9969,
      orderType: expect.any(String),
      tickSize: 0.01,
      negRisk: false,
    });
    const after = await intents.findById(id);
    expect(after?.status).toBe('EXECUTED');
    expect(after?.executedAt).toBeInstanceOf(Date);
    // A dry run's steps: the venue sends nothing, so everything after the re-check is `done`.
    const logged = test.logs().find((line) => line.intent_id === id && line.message === 'Dry run: recorded the order it would have placed; nothing sent');
    expect(Object.keys((logged?.order_path_ms as object | undefined) ?? {})).toEqual(['gate', 'recheck', 'done']);

    // The same job delivered again: the gate is closed, nothing changes.
    await expect(executor.execute(jobFor(id))).resolves.toBe('SKIPPED');
    expect(await outcomeRows(id)).toHaveLength(1);
    expect((await intents.findById(id))?.status).toBe('EXECUTED');
  });

  it('starts the re-check reads with the APPROVED -> EXECUTING update, and decides and writes only after the update and both reads', async () => {
    const id = await seed('APPROVED');
    const watch = callTimeline([
      [IntentRepository.prototype, 'transition', 'transition'],
      [PortfolioService.prototype, 'view', 'portfolio'],
      [KillSwitchRepository.prototype, 'tripped', 'switches'],
      [RiskCheckRepository.prototype, 'record', 'checks'],
      [ExecutionRepository.prototype, 'recordOutcome', 'outcome'],
    ]);
    try {
      await expect(executor.execute(jobFor(id))).resolves.toBe('EXECUTED');
    } finally {
      watch.restore();
    }
    const { at } = watch;
    expect(at('portfolio start')).toBeLessThan(at('transition end'));
    expect(at('switches start')).toBeLessThan(at('transition end'));
    for (const before of ['transition end', 'portfolio end', 'switches end']) expect(at(before)).toBeLessThan(at('checks start'));
    expect(at('checks end')).toBeLessThan(at('outcome start'));
  });

  it.each(['PENDING', 'REJECTED', 'EXPIRED'] as const)('skips a %s intent without building an order', async (status) => {
    const id = await seed(status);

    await expect(executor.execute(jobFor(id))).resolves.toBe('SKIPPED');

    expect(await outcomeRows(id)).toHaveLength(0);
    expect(await executions.findByIntent(id)).toBeNull();
    expect((await intents.findById(id))?.status).toBe(status);
  });

  it('skips a job for an intent that does not exist', async () => {
    await expect(executor.execute(jobFor(randomUUID()))).resolves.toBe('SKIPPED');
  });

  it('fails an approved intent whose market is unknown, storing the reason', async () => {
    const unknownMarket = `m-unknown-${randomUUID()}`;
    const id = await seed('APPROVED', { marketId: unknownMarket });

    await expect(executor.execute(jobFor(id))).resolves.toBe('FAILED');

    const after = await intents.findById(id);
    expect(after?.status).toBe('FAILED');
    expect(after?.statusReason).toContain(`no market data for ${unknownMarket}`);
    const rows = await outcomeRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mode: 'DRY_RUN', status: 'FAILED', order_request: null });
    expect(rows[0].error).toContain(`no market data for ${unknownMarket}`);
  });

  it('re-checks at execution: a kill switch tripped since the approval fails the intent, naming it, before any order', async () => {
    const id = await seed('APPROVED');
    const switches = moduleRef.get(KillSwitchRepository);
    await switches.trip('STALE_DATA', 75, 60, 'STALE_DATA: newest market data is 75s old (limit 60s)', 'test', new Date());
    try {
      await expect(executor.execute(jobFor(id))).resolves.toBe('FAILED');
      const after = await intents.findById(id);
      expect(after?.status).toBe('FAILED');
      expect(after?.statusReason).toMatch(/^blocked by risk re-check at execution: KILL_SWITCHES: .*STALE_DATA/);
      const [row] = await outcomeRows(id);
      expect(row).toMatchObject({ status: 'FAILED', order_request: null });
    } finally {
      await switches.clear('STALE_DATA', 'test', new Date());
    }
  });

  it('reconciles an APPROVED intent without a job into exactly one job intent-<id>', async () => {
    const id = await seed('APPROVED');
    const queue = test.runtime.queue.queue(QueueName.ApprovedIntents);
    const jobId = approvedIntentJobId(id);
    expect(jobId).toBe(`intent-${id}`);
    expect(await queue.getJob(jobId)).toBeUndefined();

    const reconciler = moduleRef.get(ApprovedIntentReconciler);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    const job = await queue.getJob(jobId);
    expect(job?.data).toMatchObject({ v: 1, intentId: id });

    const before = await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed');
    await reconciler.reconcile();
    expect(await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')).toBe(before);
    const ours = (await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter((j) => j.data.intentId === id);
    expect(ours).toHaveLength(1);
  });

  it('counts a deferred withhold apart from an unsettled execution (only the latter pages); either leaves the intent EXECUTING for its retry', async () => {
    const venue = moduleRef.get<ExecutionVenue>(EXECUTION_VENUE);
    const counted = async () => Object.fromEntries((await test.runtime.metrics.executions.get()).values.map((v) => [`${v.labels.mode} ${v.labels.outcome}`, v.value]));
    const before = await counted();
    const submit = jest.spyOn(venue, 'submit')
      .mockRejectedValueOnce(new WithholdDeferred('another delivery claimed the post of this order 2 s ago'))
      .mockRejectedValueOnce(new OrderNotSettled('the fills read failed after the post'));
    try {
      const deferred = await seed('APPROVED');
      await expect(executor.execute(jobFor(deferred))).rejects.toBeInstanceOf(WithholdDeferred);
      const unsettled = await seed('APPROVED');
      await expect(executor.execute(jobFor(unsettled))).rejects.toThrow('the fills read failed after the post');
      for (const id of [deferred, unsettled]) expect((await intents.findById(id))?.status).toBe('EXECUTING');
    } finally {
      submit.mockRestore();
    }
    const after = await counted();
    expect((after['DRY_RUN withhold_deferred'] ?? 0) - (before['DRY_RUN withhold_deferred'] ?? 0)).toBe(1);
    expect((after['DRY_RUN not_settled'] ?? 0) - (before['DRY_RUN not_settled'] ?? 0)).toBe(1);
  });

  it('sent nothing to the venue in any of these runs', () => {
    expect(sim.orders()).toEqual([]);
    expect(sim.state().orders).toBe(0);
  });
});
