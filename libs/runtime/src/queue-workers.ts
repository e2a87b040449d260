import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { QueueProducer, startQueueWorker, type QueueConnectionConfig, type QueueHandler, type QueueName } from '@polybot/queues';
import { LOGGER, METRICS, QUEUE_CONNECTION } from './runtime.tokens';

const DEPTH_SAMPLE_MS = 5000;

/**
 * Starts a service's queue workers with the common wiring (connection, dead letters, logs, job
 * metrics) and stops them first at shutdown, so in-flight jobs finish while Postgres is still open.
 */
@Injectable()
export class QueueWorkers implements BeforeApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly queues = new Set<QueueName>();
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnectionConfig,
    private readonly producer: QueueProducer,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
  ) {}

  start<Q extends QueueName>(queue: Q, handler: QueueHandler<Q>, opts: { concurrency?: number } = {}): Worker {
    const worker = startQueueWorker(queue, handler, {
      connection: this.connection,
      deadLetters: this.producer,
      logger: this.logger,
      concurrency: opts.concurrency,
      onJobDone: (name, seconds) => this.metrics.jobDuration.observe({ queue: name }, seconds),
    });
    this.workers.push(worker);
    this.queues.add(queue);
    this.sampler ??= setInterval(() => void this.sampleDepths(), DEPTH_SAMPLE_MS);
    this.logger.info({ queue, concurrency: opts.concurrency ?? 1 }, 'Queue worker started');
    return worker;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  /** Each service reports the depth of the queues it consumes (polybot_queue_waiting). */
  private async sampleDepths(): Promise<void> {
    try {
      const depths = await this.producer.depths([...this.queues]);
      for (const [queue, depth] of Object.entries(depths)) this.metrics.queueWaiting.set({ queue }, depth.waiting);
    } catch {
      // Redis is unreachable: the workers log that; the gauge keeps its last value.
    }
  }
}
