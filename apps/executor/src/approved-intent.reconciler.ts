import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { executionOverdueSeconds, OWED_EXECUTION_STATUSES } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { IntentRepository, type IntentWithoutChecks } from '@polybot/persistence';
import { approvedIntentJobId, QueueName, QueueProducer } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, type Clock } from '@polybot/runtime';

const RECONCILE_INTERVAL_MS = 5000;

/**
 * How long the finished job of an intent still owed its execution is left before it runs again:
 * long enough that a permanent error is retried every half minute or so rather than spun on, and
 * that a job which has just finished has surely moved its intent on (it does so before finishing).
 */
export const RERUN_FINISHED_JOB_AFTER_MS = 30_000;

/**
 * Postgres is the truth: every APPROVED or EXECUTING intent must have a live job. An approval made
 * while Redis was down (or a job lost with Redis) is queued here; the intent-derived job id makes
 * that a no-op for intents already queued, and keeps a second job from running beside a live one.
 * A job that gave up (its attempts spent in a Postgres outage, or stalled twice) or completed while
 * its intent is still owed is run again once it has been finished a while: for an EXECUTING intent
 * that is the executor's resume, which reconciles with the venue before sending anything. Each pass
 * also reports how many intents are owed, how overdue the worst is and when they were last read,
 * which the alerts page on (deploy/prometheus/alerts.yml): a re-run that can never succeed, or owed
 * intents no executor can read, must reach a person.
 */
@Injectable()
export class ApprovedIntentReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intents: IntentRepository,
    private readonly queue: QueueProducer,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns how many owed intents it looked at. */
  async reconcile(): Promise<number> {
    try {
      const now = this.clock();
      const owed = await this.intents.listOpenWithoutChecks(OWED_EXECUTION_STATUSES);
      this.report(owed, new Date(now));
      for (const intent of owed) await this.ensureJob(intent, now - RERUN_FINISHED_JOB_AFTER_MS);
      return owed.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Approved-intent reconciliation failed; will retry');
      return 0;
    }
  }

  /** Only after a successful read: a failed one leaves every gauge as it was, and the read time tells the alerts so. */
  private report(owed: readonly IntentWithoutChecks[], now: Date): void {
    this.metrics.owedExecutionsReadAt.set(now.getTime() / 1000);
    for (const status of OWED_EXECUTION_STATUSES) {
      const ofStatus = owed.filter((intent) => intent.status === status);
      this.metrics.owedExecutions.set({ status }, ofStatus.length);
      this.metrics.owedExecutionOverdue.set({ status }, ofStatus.reduce((worst, intent) => Math.max(worst, executionOverdueSeconds(intent, now)), 0));
    }
  }

  private async ensureJob(intent: IntentWithoutChecks, finishedBefore: number): Promise<void> {
    const jobId = approvedIntentJobId(intent.id);
    await this.queue.add(
      QueueName.ApprovedIntents,
      { v: 1, intentId: intent.id, approvedAt: (intent.decidedAt ?? intent.createdAt).toISOString() },
      { jobId },
    );
    const rerun = await this.queue.rerunFinished(QueueName.ApprovedIntents, jobId, finishedBefore);
    if (!rerun) return;
    this.metrics.executionReruns.inc({ job_state: rerun.state });
    this.logger.warn(
      { intent_id: intent.id, status: intent.status, job_id: jobId, job_state: rerun.state, failed_reason: rerun.failedReason, attempts: rerun.attemptsMade, finished_at: new Date(rerun.finishedOn).toISOString() },
      'Re-running the finished job of an intent still owed its execution',
    );
  }
}
