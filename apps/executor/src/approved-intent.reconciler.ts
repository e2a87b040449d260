import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@polybot/observability';
import { IntentRepository } from '@polybot/persistence';
import { approvedIntentJobId, QueueName, QueueProducer } from '@polybot/queues';
import { LOGGER } from '@polybot/runtime';

const RECONCILE_INTERVAL_MS = 5000;

/**
 * Postgres is the truth: every APPROVED intent must have a job. An approval made while Redis was
 * down (or a job lost with Redis) is queued here; the intent-derived job id makes this a no-op
 * for intents already queued.
 */
@Injectable()
export class ApprovedIntentReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intents: IntentRepository,
    private readonly queue: QueueProducer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    try {
      const approved = await this.intents.list({ status: 'APPROVED', limit: 1000 });
      for (const intent of approved) {
        await this.queue.add(
          QueueName.ApprovedIntents,
          { v: 1, intentId: intent.id, approvedAt: (intent.decidedAt ?? intent.createdAt).toISOString() },
          { jobId: approvedIntentJobId(intent.id) },
        );
      }
      return approved.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Approved-intent reconciliation failed; will retry');
      return 0;
    }
  }
}
