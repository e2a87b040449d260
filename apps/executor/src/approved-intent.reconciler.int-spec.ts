import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { IntentCommand } from '@polybot/domain';
import { createTestDatabase, IntentRepository, MarketRepository, newIntent, type TestDatabase, type TransitionOptions } from '@polybot/persistence';
import { approvedIntentJobId, QueueName } from '@polybot/queues';
import { createMetrics, type PolybotMetrics } from '@polybot/observability';
import { createTestRuntime, testMarket, type TestRuntime } from '@polybot/runtime';
import { waitFor } from '@polybot/testing';
import { ApprovedIntentReconciler, RERUN_FINISHED_JOB_AFTER_MS } from './approved-intent.reconciler';
import { EXECUTION_VENUE, type ExecutionVenue } from './execution-venue';
import { ExecutorModule } from './executor.module';
import { ExecutorWorker } from './executor.worker';

const RERUN_LOG = 'Re-running the finished job of an intent still owed its execution';
const OUTAGE = 'connect ECONNREFUSED 127.0.0.1:5432';

/**
 * The reconciler against a running executor worker, real Postgres and Redis: an intent a person
 * approved is executed (or its execution resumed) whatever became of its job, and never twice at once.
 * Postgres "goes down" for one intent at a time: its gate update rejects as a lost connection would.
 */
describe('approved-intent reconciler (real Postgres, Redis, worker)', () => {
  let db: TestDatabase;
  let test: TestRuntime;
  let moduleRef: TestingModule;
  let intents: IntentRepository;
  const market = testMarket(`m-${randomUUID()}`);
  /** Intents whose gate update fails as in a Postgres outage. */
  const down = new Set<string>();
  /** Intents whose gate update waits, keeping their job active. */
  const held = new Map<string, Promise<void>>();
  /** Gate updates made by the worker (the test's own go around the spy). */
  const gateCalls = new Map<string, number>();
  let transition: IntentRepository['transition'];

  beforeAll(async () => {
    db = await createTestDatabase();
    test = createTestRuntime('executor', { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'live' });
    moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, ExecutorModule) }).compile();
    intents = moduleRef.get(IntentRepository);
    await moduleRef.get(MarketRepository).upsertMany([market]);
    transition = intents.transition.bind(intents);
    jest.spyOn(intents, 'transition').mockImplementation(async (id: string, command: IntentCommand, opts: TransitionOptions) => {
      if (command === 'StartExecution') {
        gateCalls.set(id, (gateCalls.get(id) ?? 0) + 1);
        if (down.has(id)) throw new Error(OUTAGE);
        await held.get(id);
      }
      return transition(id, command, opts);
    });
    // Only the worker: each test runs the reconciler itself, at the clock it needs.
    moduleRef.get(ExecutorWorker).onApplicationBootstrap();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await test?.obliterateQueues();
    await moduleRef?.close();
    await db?.drop();
  });

  const queue = () => test.runtime.queue.queue(QueueName.ApprovedIntents);
  /** A reconciler whose clock runs `aheadMs` ahead: how long ago a job finished is all it reads the clock for. */
  const reconcileAhead = (aheadMs: number, metrics: PolybotMetrics = test.runtime.metrics) =>
    new ApprovedIntentReconciler(intents, test.runtime.queue, test.runtime.logger, metrics, () => Date.now() + aheadMs).reconcile();
  const stateOf = async (id: string) => (await queue().getJob(approvedIntentJobId(id)))?.getState();
  const statusOf = async (id: string) => (await intents.findById(id))?.status;
  const rerunLogs = (id: string) => test.logs().filter((line) => line.message === RERUN_LOG && line.intent_id === id);
  const outcomesOf = async (id: string): Promise<unknown[]> => db.dataSource.query('SELECT status FROM execution_outcomes WHERE intent_id = $1', [id]);
  const jobsOf = async (id: string) =>
    (await queue().getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'])).filter((job) => job.data.intentId === id);

  async function intentIn(status: 'PENDING' | 'APPROVED' | 'EXECUTING'): Promise<string> {
    const now = Date.now();
    const created = await intents.createPending(
      newIntent({ marketId: market.marketId, conditionId: market.conditionId, price: 0.51, marketPrice: 0.51, sizeUsd: 10, createdAt: new Date(now), expiresAt: new Date(now + 600_000) }),
      [],
      { actor: 'test' },
    );
    const id = created!.id;
    if (status !== 'PENDING') await transition(id, 'Approve', { now: new Date(), actor: 'alice' });
    // A worker that passed the gate, then died (or its job stalled out) before any outcome.
    if (status === 'EXECUTING') await transition(id, 'StartExecution', { now: new Date(), actor: 'executor' });
    return id;
  }

  /** Its job, added as the approval adds it but with one attempt: failed as five spent attempts leave it, sooner. */
  async function failedJobFor(id: string): Promise<void> {
    down.add(id);
    await queue().add(QueueName.ApprovedIntents, { v: 1, intentId: id, approvedAt: new Date().toISOString() }, { jobId: approvedIntentJobId(id), attempts: 1 });
    await waitFor(async () => (await stateOf(id)) === 'failed', { what: `the job of ${id} to fail` });
    down.delete(id);
  }

  /** Every exported series of a metric of `metrics`' registry, as label sets with their values. */
  const seriesOf = async (metrics: PolybotMetrics, name: string) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values.map((v) => ({ ...v.labels, value: v.value }));

  // First, while no intent is owed: this executor's own reconciler and worker run beside the suite's.
  it('exports at 0, once the executor module has started, the counters the alerts take increase() of, and reads the owed intents at once', async () => {
    const started = createTestRuntime('executor', { POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'live' });
    const app = await Test.createTestingModule({ imports: started.serviceImports(db.url, ExecutorModule) }).compile();
    try {
      const before = Date.now() / 1000;
      await app.init();
      const mode = app.get<ExecutionVenue>(EXECUTION_VENUE).mode;
      expect(mode).toBe('DRY_RUN');
      const metrics = started.runtime.metrics;
      expect(await seriesOf(metrics, 'polybot_executions_total')).toEqual(
        ['executed', 'failed', 'not_settled', 'withhold_deferred'].map((outcome) => ({ mode, outcome, value: 0 })),
      );
      expect(await seriesOf(metrics, 'polybot_execution_reruns_total')).toEqual([{ job_state: 'failed', value: 0 }, { job_state: 'completed', value: 0 }]);
      // 0 (an unlabelled gauge's start) until the reconciler's first pass, which starts at bootstrap, not 5 s later.
      const readAt = await waitFor(async () => (await seriesOf(metrics, 'polybot_owed_executions_read_at_seconds'))[0]?.value || null, { what: 'the first read of the owed intents' });
      expect(readAt).toBeGreaterThanOrEqual(Math.floor(before));
      expect(readAt).toBeLessThanOrEqual(Date.now() / 1000);
    } finally {
      await started.obliterateQueues();
      await app.close();
    }
  });

  it('runs again the job of an APPROVED intent that spent its attempts in a Postgres outage, once it has been failed long enough', async () => {
    const id = await intentIn('APPROVED');
    down.add(id);
    await reconcileAhead(0);
    // The registry's 5 attempts, 500 ms exponential backoff: about 7.5 s of outage.
    const failed = await waitFor(async () => {
      const job = await queue().getJob(approvedIntentJobId(id));
      return (await job?.getState()) === 'failed' && job;
    }, { timeoutMs: 15_000, what: 'the job to spend its attempts' });
    expect(failed.attemptsMade).toBe(5);
    down.delete(id);

    // Postgres is back, but the failed job is too recent to run again: a permanent error would spin.
    await reconcileAhead(0);
    expect(await stateOf(id)).toBe('failed');
    expect(await statusOf(id)).toBe('APPROVED');

    await reconcileAhead(RERUN_FINISHED_JOB_AFTER_MS + 1000);
    await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: 'the intent executed' });
    expect(await outcomesOf(id)).toHaveLength(1);
    expect(rerunLogs(id)).toEqual([expect.objectContaining({ level: 'WARN', status: 'APPROVED', job_state: 'failed', failed_reason: OUTAGE, attempts: 5 })]);
    expect(await jobsOf(id)).toHaveLength(1);
  }, 30_000);

  it('resumes an EXECUTING intent whose job failed', async () => {
    const id = await intentIn('EXECUTING');
    await failedJobFor(id);

    await reconcileAhead(RERUN_FINISHED_JOB_AFTER_MS + 1000);
    await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: 'the execution resumed' });
    expect(test.logs().some((line) => line.intent_id === id && line.message === 'Resuming an interrupted execution')).toBe(true);
    expect(rerunLogs(id)).toEqual([expect.objectContaining({ status: 'EXECUTING', job_state: 'failed', failed_reason: OUTAGE })]);
    expect(await outcomesOf(id)).toHaveLength(1);
  });

  it('runs again a job that completed while its intent was still PENDING, once the intent is APPROVED', async () => {
    const id = await intentIn('PENDING');
    // Delivered before the approval committed: the job skips the intent and completes.
    await queue().add(QueueName.ApprovedIntents, { v: 1, intentId: id, approvedAt: new Date().toISOString() }, { jobId: approvedIntentJobId(id) });
    await waitFor(async () => (await stateOf(id)) === 'completed', { what: 'the job skipped' });
    await transition(id, 'Approve', { now: new Date(), actor: 'alice' });

    await reconcileAhead(RERUN_FINISHED_JOB_AFTER_MS + 1000);
    await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: 'the intent executed' });
    expect(rerunLogs(id)).toEqual([expect.objectContaining({ status: 'APPROVED', job_state: 'completed', failed_reason: null })]);
  });

  it('never adds a job beside an active or waiting one, and leaves a failed job until it is old enough', async () => {
    const failedOne = await intentIn('APPROVED');
    await failedJobFor(failedOne);

    const active = await intentIn('EXECUTING');
    let release: () => void = () => undefined;
    held.set(active, new Promise<void>((resolve) => { release = resolve; }));
    await queue().add(QueueName.ApprovedIntents, { v: 1, intentId: active, approvedAt: new Date().toISOString() }, { jobId: approvedIntentJobId(active) });
    await waitFor(async () => (await stateOf(active)) === 'active' && gateCalls.get(active) === 1, { what: 'the job active' });

    await queue().pause();
    try {
      const waiting = await intentIn('APPROVED');
      await reconcileAhead(RERUN_FINISHED_JOB_AFTER_MS - 5000);
      expect(await stateOf(waiting)).toBe('waiting');
      expect(await stateOf(failedOne)).toBe('failed');

      await reconcileAhead(RERUN_FINISHED_JOB_AFTER_MS + 1000);
      expect(await stateOf(active)).toBe('active');
      expect(await stateOf(waiting)).toBe('waiting');
      expect(await stateOf(failedOne)).toBe('waiting');
      for (const id of [active, waiting, failedOne]) expect(await jobsOf(id)).toHaveLength(1);
      expect(rerunLogs(active)).toEqual([]);
      expect(rerunLogs(waiting)).toEqual([]);
      expect(rerunLogs(failedOne)).toHaveLength(1);

      await queue().resume();
      release();
      for (const id of [active, waiting, failedOne]) {
        await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: `intent ${id} executed` });
        expect(await outcomesOf(id)).toHaveLength(1);
      }
      // The active job's execution was the only one: nothing passed the gate beside it.
      expect(gateCalls.get(active)).toBe(1);
    } finally {
      release();
      await queue().resume();
    }
  });

  it('reports the intents owed their execution, how overdue the worst is, and each re-run, for the alerts', async () => {
    const metrics = createMetrics('executor');
    const value = async (name: string, labels: Record<string, string>) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
    const failedOne = await intentIn('EXECUTING');
    await failedJobFor(failedOne);
    await queue().pause();
    try {
      const approved = await intentIn('APPROVED');
      // 700 s on: the approval is 700 s old (an executor takes it at once); the execution 100 s past its expiry.
      await reconcileAhead(700_000, metrics);
      expect(await value('polybot_owed_executions', { status: 'APPROVED' })).toBe(1);
      expect(await value('polybot_owed_executions', { status: 'EXECUTING' })).toBe(1);
      expect(await value('polybot_owed_execution_overdue_seconds', { status: 'APPROVED' })).toBeGreaterThanOrEqual(699);
      expect(await value('polybot_owed_execution_overdue_seconds', { status: 'APPROVED' })).toBeLessThan(720);
      expect(await value('polybot_owed_execution_overdue_seconds', { status: 'EXECUTING' })).toBeGreaterThanOrEqual(99);
      expect(await value('polybot_owed_execution_overdue_seconds', { status: 'EXECUTING' })).toBeLessThan(120);
      expect(await value('polybot_execution_reruns_total', { job_state: 'failed' })).toBe(1);

      await queue().resume();
      for (const id of [approved, failedOne]) await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: `intent ${id} executed` });
      await reconcileAhead(0, metrics);
      expect(await value('polybot_owed_executions', { status: 'APPROVED' })).toBe(0);
      expect(await value('polybot_owed_execution_overdue_seconds', { status: 'EXECUTING' })).toBe(0);
    } finally {
      await queue().resume();
    }
  });

  it('sets the time of its last read of the owed intents only when the read succeeds', async () => {
    const metrics = createMetrics('executor');
    const readAt = async () => (await seriesOf(metrics, 'polybot_owed_executions_read_at_seconds'))[0]?.value;
    const reconcileAt = (at: number) => new ApprovedIntentReconciler(intents, test.runtime.queue, test.runtime.logger, metrics, () => at).reconcile();
    const id = await intentIn('APPROVED');
    await queue().pause();
    try {
      const t0 = Date.now();
      expect(await reconcileAt(t0)).toBe(1);
      expect(await readAt()).toBe(t0 / 1000);
      const owedBefore = await seriesOf(metrics, 'polybot_owed_executions');

      // Postgres is down for the read: nothing moves, so the alert sees the read age.
      const read = jest.spyOn(IntentRepository.prototype, 'listOpenWithoutChecks').mockRejectedValueOnce(new Error(OUTAGE));
      const failures = test.logs().filter((line) => line.message === 'Approved-intent reconciliation failed; will retry').length;
      try {
        expect(await reconcileAt(t0 + 60_000)).toBe(0);
        expect(read).toHaveBeenCalledTimes(1);
      } finally {
        read.mockRestore();
      }
      expect(test.logs().filter((line) => line.message === 'Approved-intent reconciliation failed; will retry')).toHaveLength(failures + 1);
      expect(await readAt()).toBe(t0 / 1000);
      expect(await seriesOf(metrics, 'polybot_owed_executions')).toEqual(owedBefore);

      expect(await reconcileAt(t0 + 65_000)).toBe(1);
      expect(await readAt()).toBe((t0 + 65_000) / 1000);
    } finally {
      await queue().resume();
    }
    await waitFor(async () => (await statusOf(id)) === 'EXECUTED', { what: 'the intent executed' });
  });
});
