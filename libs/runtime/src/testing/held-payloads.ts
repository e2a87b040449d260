import { createRedisConnection, SharedPayloadStore, type QueueName, type QueuePayload, type QueueProducer } from '@polybot/queues';

export interface HeldJob<Q extends QueueName> {
  readonly id: string;
  readonly payload: QueuePayload<Q>;
}

/**
 * Every job a queue still holds (waiting, prioritized, active, delayed, completed or failed), with
 * its payload as a worker sees it: a shared payload's reference resolved, on a connection of its own.
 */
export async function heldPayloads<Q extends QueueName>(producer: QueueProducer, name: Q, redisUrl: string, prefix: string): Promise<HeldJob<Q>[]> {
  const jobs = await producer.queue(name).getJobs(['waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed']);
  const redis = createRedisConnection(redisUrl, 'producer');
  try {
    const store = new SharedPayloadStore(redis, prefix);
    return await Promise.all(jobs.map(async (job) => {
      const ref = store.refOf(job.data);
      return { id: String(job.id), payload: (ref ? await store.read(ref) : job.data) as QueuePayload<Q> };
    }));
  } finally {
    redis.disconnect();
  }
}
