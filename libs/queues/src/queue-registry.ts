import type { JobsOptions } from 'bullmq';
import type { z } from 'zod';
import { approvedIntentSchema } from './payloads/approved-intent.schema';
import { deadLetterSchema } from './payloads/dead-letter.schema';
import { snapshotBatchSchema } from './payloads/market-snapshot.schema';
import { isSnapshotBatch } from './payloads/snapshot-batch.guard';
import { signalBatchSchema } from './payloads/signal-batch.schema';
import { QueueName } from './queue-names';

/** The one registry: each queue's payload schema and job options. Payloads are checked on add and on consume. */
export const QUEUE_SCHEMAS = {
  [QueueName.SnapshotsForStrategy]: snapshotBatchSchema,
  [QueueName.SnapshotsForRisk]: snapshotBatchSchema,
  [QueueName.Signals]: signalBatchSchema,
  [QueueName.ApprovedIntents]: approvedIntentSchema,
  [QueueName.DeadLetter]: deadLetterSchema,
} as const satisfies Record<QueueName, z.ZodTypeAny>;

export type QueuePayload<Q extends QueueName> = z.infer<(typeof QUEUE_SCHEMAS)[Q]>;

/**
 * Hand-written yes-checks for the busiest queues (a 50k-token cycle queues 100 snapshot batches),
 * tried before the schema when a payload is added and when it is consumed. They only say
 * yes to what the schema accepts; on a no the schema runs, so a dead letter's reason is its words.
 */
export const QUEUE_FAST_ACCEPT: Partial<Record<QueueName, (data: unknown) => boolean>> = {
  [QueueName.SnapshotsForStrategy]: isSnapshotBatch,
  [QueueName.SnapshotsForRisk]: isSnapshotBatch,
};

const backoff = { type: 'exponential', delay: 500 } as const;

export const QUEUE_JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  // Snapshots are perishable: the next cycle supersedes a lost one, so no retries and no history.
  [QueueName.SnapshotsForStrategy]: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  [QueueName.SnapshotsForRisk]: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  [QueueName.Signals]: { attempts: 3, backoff, removeOnComplete: 1000, removeOnFail: 1000 },
  // Approved work is kept until done; Postgres stays the truth, the executor's reconciler re-enqueues.
  [QueueName.ApprovedIntents]: { attempts: 5, backoff, removeOnComplete: { age: 24 * 3600 }, removeOnFail: false },
  [QueueName.DeadLetter]: { attempts: 1, removeOnComplete: false, removeOnFail: false },
};

/**
 * Priority of a full cycle's snapshot batches. BullMQ takes every non-prioritized job before any
 * prioritized one, so a stream update (added without priority) never waits behind a cycle's flood.
 */
export const SNAPSHOT_PRIORITY = 1;

/**
 * How fast a job whose worker died is handed to another: its lock expires after `lockDuration`
 * and the stalled check runs every `stalledInterval`. Approved intents recover quickly, since a
 * person is waiting on them; the executor reconciles a resumed intent with the venue first.
 */
export const QUEUE_WORKER_OPTIONS: Partial<Record<QueueName, { lockDuration: number; stalledInterval: number }>> = {
  [QueueName.ApprovedIntents]: { lockDuration: 10_000, stalledInterval: 5_000 },
};

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** What a producer may hand over: the domain's readonly objects are fine, validation happens anyway. */
export type QueueInput<Q extends QueueName> = DeepReadonly<QueuePayload<Q>>;
