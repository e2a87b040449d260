import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { InvalidPayloadError, checkPayload } from './payload-validation';
import { QueueName } from './queue-names';
import { QUEUE_WORKER_OPTIONS, type QueuePayload } from './queue-registry';
import type { QueueProducer } from './queue.producer';
import { createRedisConnection, type QueueConnectionConfig } from './redis-connection';
import { SharedPayloadGoneError, SharedPayloadStore, SharedPayloadUnreadableError, type SharedPayloadRef } from './shared-payload.store';

/** The structured-logging surface the libs need; a pino logger satisfies it. */
export interface StructuredLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface QueueWorkerOptions {
  readonly connection: QueueConnectionConfig;
  readonly concurrency?: number;
  /** Where payloads that fail validation go, with the reason. */
  readonly deadLetters: QueueProducer;
  readonly logger: StructuredLogger;
  readonly onJobDone?: (queue: QueueName, seconds: number, outcome: 'completed' | 'failed' | 'dead_lettered') => void;
}

export type QueueHandler<Q extends QueueName> = (payload: QueuePayload<Q>, job: Job) => Promise<void>;

/**
 * Starts a BullMQ worker whose handler only ever sees validated payloads. A payload of the wrong
 * shape or version is moved to the dead-letter queue with the reason and is not retried: retrying
 * cannot fix it, and nothing is lost because the dead letter keeps the original payload.
 */
export function startQueueWorker<Q extends QueueName>(queue: Q, handler: QueueHandler<Q>, options: QueueWorkerOptions): Worker {
  const connection = createRedisConnection(options.connection.redisUrl, 'worker');
  connection.on('error', () => undefined);
  const shared = new SharedPayloadStore(connection, options.connection.prefix);
  const release = (ref: SharedPayloadRef | null, job: Job): Promise<void> =>
    ref === null
      ? Promise.resolve()
      : shared.release(ref).then(
          () => undefined,
          // Not the job's failure: the payload's TTL deletes it anyway.
          (error: unknown) => options.logger.warn({ queue, job_id: job.id, key: ref.sharedPayload, err: error }, 'Could not release a shared payload; its TTL will remove it'),
        );
  const worker = new Worker(
    queue,
    async (job: Job) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      const ref = shared.refOf(job.data);
      let data: unknown = job.data;
      let payload: QueuePayload<Q>;
      try {
        if (ref) data = await shared.read(ref);
        payload = checkPayload(queue, data);
      } catch (error) {
        // Retrying cannot bring a payload back: fail at once, naming it.
        if (error instanceof SharedPayloadGoneError) throw new UnrecoverableError(error.message);
        if (!(error instanceof InvalidPayloadError) && !(error instanceof SharedPayloadUnreadableError)) throw error;
        await options.deadLetters.add(QueueName.DeadLetter, {
          v: 1,
          queue,
          jobId: job.id ?? null,
          reason: error.message,
          payload: error instanceof SharedPayloadUnreadableError ? error.original : data,
          at: new Date().toISOString(),
        });
        await release(ref, job);
        options.logger.warn({ queue, job_id: job.id, reason: error.message }, 'Moved invalid job to the dead-letter queue');
        options.onJobDone?.(queue, seconds(), 'dead_lettered');
        return;
      }
      try {
        await handler(payload, job);
        await release(ref, job);
        options.onJobDone?.(queue, seconds(), 'completed');
      } catch (error) {
        // A failed job keeps its shared payload until the TTL, for a person or a retry to read.
        options.onJobDone?.(queue, seconds(), 'failed');
        throw error;
      }
    },
    { connection, prefix: options.connection.prefix, concurrency: options.concurrency ?? 1, autorun: true, ...QUEUE_WORKER_OPTIONS[queue] },
  );
  // The worker does not own a connection it was given: release it when the worker closes.
  worker.on('closed', () => connection.disconnect());
  worker.on('error', (error) => options.logger.error({ queue, err: error }, 'Queue worker error'));
  worker.on('failed', (job, error) =>
    options.logger.error({ queue, job_id: job?.id, attempts: job?.attemptsMade, err: error }, 'Job failed'),
  );
  return worker;
}
