import { Queue, Worker, type Job } from 'bullmq';
import { createRedisConnection } from '@polybot/queues';
import { dropQueueKeys } from './service.stack';
import { summarize, type LatencySummary } from './stats';

const HOPS = 3;
const OPTS = { removeOnComplete: true, removeOnFail: true };

/**
 * The raw floor: a no-op job passed through three BullMQ queues on the same Redis, one at a time,
 * timed from the first add to the third worker's call. Nothing the pipeline does can be faster.
 */
export async function measureThreeHopFloor(redisUrl: string, samples: number): Promise<LatencySummary> {
  const prefix = `polybot-bench-floor-${Date.now()}`;
  const producer = createRedisConnection(redisUrl, 'producer');
  const queues = Array.from({ length: HOPS }, (_, i) => new Queue(`hop-${i}`, { connection: producer, prefix }));
  let finish: ((at: number) => void) | null = null;
  const workers = queues.map(
    (_, i) =>
      new Worker(
        `hop-${i}`,
        async (job: Job<{ started: number }>) => {
          if (i < HOPS - 1) await queues[i + 1].add('hop', job.data, OPTS);
          else finish?.(performance.now());
        },
        { connection: createRedisConnection(redisUrl, 'worker'), prefix, concurrency: 1 },
      ),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const latencies: number[] = [];
  try {
    // A few warm-up passes: the first jobs pay for script loading and connection set-up.
    for (let n = 0; n < samples + 20; n++) {
      const done = new Promise<number>((resolve) => (finish = resolve));
      const started = performance.now();
      await queues[0].add('hop', { started }, OPTS);
      const ended = await done;
      if (n >= 20) latencies.push(ended - started);
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(queues.map((q) => q.close()));
    producer.disconnect();
    await dropQueueKeys(redisUrl, prefix);
  }
  return summarize(latencies);
}
