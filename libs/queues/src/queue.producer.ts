import { ErrorCode, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { withDeadline } from './deadline';
import { checkPayload } from './payload-validation';
import { PIPELINE_QUEUES, QueueName } from './queue-names';
import { QUEUE_JOB_OPTIONS, type QueueInput } from './queue-registry';
import { createRedisConnection, type QueueConnectionConfig } from './redis-connection';
import { encodePayload } from './shared-payload.codec';
import { SHARED_PAYLOAD_INLINE_MAX_BYTES, SharedPayloadStore, type SharedPayloadRef } from './shared-payload.store';

export interface QueueDepth {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** How a finished job had ended, before rerunFinished put it back to run. */
export interface RerunJob {
  readonly state: 'failed' | 'completed';
  /** Only for a failed job: the error of its last attempt. */
  readonly failedReason: string | null;
  readonly finishedOn: number;
  readonly attemptsMade: number;
}

/** Typed, validating producer for every queue of the registry. One Redis connection for all queues. */
export class QueueProducer {
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly shared: SharedPayloadStore;

  /** How long add() and depths() wait for Redis before failing (the work may still complete later). */
  private readonly commandTimeoutMs: number;

  constructor(private readonly config: QueueConnectionConfig & { readonly commandTimeoutMs?: number }) {
    this.commandTimeoutMs = config.commandTimeoutMs ?? 3000;
    this.connection = createRedisConnection(config.redisUrl, 'producer');
    // A producer that cannot reach Redis reports it on add(); an unhandled 'error' event would crash the process.
    this.connection.on('error', () => undefined);
    this.shared = new SharedPayloadStore(this.connection, config.prefix);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.prefix, defaultJobOptions: QUEUE_JOB_OPTIONS[name] });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Validates (checkPayload), then adds. Returns the job id. A payload that fails validation never reaches Redis.
   * A job with a priority is taken only after every job without one (BullMQ's order).
   */
  async add<Q extends QueueName>(name: Q, payload: QueueInput<Q>, opts: { jobId?: string; priority?: number } = {}): Promise<string> {
    return this.enqueue(name, checkPayload(name, payload), opts);
  }

  /**
   * The same payload onto several queues, validated for each. A big one is stored in Redis once and
   * each queue gets a reference (see SharedPayloadStore), which the worker resolves before its
   * handler runs; a small one rides inline in each job. If an add fails after the payload was
   * stored, the payload waits out its TTL.
   */
  async fanOut<Q extends QueueName>(names: readonly Q[], payload: QueueInput<Q>, opts: { priority?: number } = {}): Promise<void> {
    if (names.length === 0) throw new Error('fanOut needs at least one queue');
    const data = names.map((name) => checkPayload(name, payload))[0];
    const encoded = encodePayload(data);
    // The queue's own wait for its connection: the store writes on it directly, not through BullMQ.
    const stored = async (): Promise<SharedPayloadRef> => {
      await this.queue(names[0]).waitUntilReady();
      return this.shared.store(encoded, names.length);
    };
    const jobData = encoded.body.length <= SHARED_PAYLOAD_INLINE_MAX_BYTES
      ? data
      : await withDeadline(stored(), this.commandTimeoutMs, 'Redis (storing a shared payload)');
    await Promise.all(names.map((name) => this.enqueue(name, jobData, opts)));
  }

  async depths(names: readonly QueueName[] = [...PIPELINE_QUEUES, QueueName.DeadLetter]): Promise<Record<string, QueueDepth>> {
    const entries = await withDeadline(Promise.all(
      names.map(async (name) => {
        const counts = await this.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
        // A prioritized job is as much waiting work as a plain one; BullMQ only keeps it in another list.
        return [name, { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 }] as const;
      }),
    ), this.commandTimeoutMs, 'Redis (queue depths)');
    return Object.fromEntries(entries);
  }

  /**
   * Puts back to run a job that finished (failed or completed) at or before `finishedBefore`.
   * While BullMQ keeps a finished job its id stays taken and add() under it is dropped, so only
   * this runs it again. BullMQ's retry moves the job only if it is still in that set (one script),
   * so it never runs beside a live run of itself, however many callers race (a loser gets null).
   * Its attempts start over; its stall count (BullMQ's own) does not. Null when the job is missing,
   * live, or finished too recently.
   */
  async rerunFinished(name: QueueName, jobId: string, finishedBefore: number): Promise<RerunJob | null> {
    const job = await this.queue(name).getJob(jobId);
    if (!job) return null;
    const state = await job.getState();
    if ((state !== 'failed' && state !== 'completed') || !job.finishedOn || job.finishedOn > finishedBefore) return null;
    const ended: RerunJob = { state, failedReason: state === 'failed' ? job.failedReason || null : null, finishedOn: job.finishedOn, attemptsMade: job.attemptsMade };
    try {
      await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === ErrorCode.JobNotExist || code === ErrorCode.JobNotInState) return null;
      throw error;
    }
    return ended;
  }

  private async enqueue(name: QueueName, data: unknown, opts: { jobId?: string; priority?: number }): Promise<string> {
    const job = await withDeadline(this.queue(name).add(name, data, { jobId: opts.jobId, priority: opts.priority }), this.commandTimeoutMs, `Redis (adding to ${name})`);
    return job.id ?? '';
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
