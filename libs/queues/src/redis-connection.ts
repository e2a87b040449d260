import IORedis, { type RedisOptions } from 'ioredis';

export interface QueueConnectionConfig {
  readonly redisUrl: string;
  /** BullMQ key prefix; lets several deployments or test runs share one Redis. */
  readonly prefix: string;
}

/**
 * Workers block on Redis and must wait out an outage (maxRetriesPerRequest: null); producers must
 * fail fast instead, so an approval never hangs on a Redis outage (the reconciler re-enqueues later).
 */
export function createRedisConnection(redisUrl: string, role: 'worker' | 'producer', extra: RedisOptions = {}): IORedis {
  return new IORedis(redisUrl, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
    ...extra,
  });
}

/**
 * Resolves once the connection can take commands. A producer's connection does not queue commands
 * while it connects (enableOfflineQueue: false), so its first direct command waits here; BullMQ
 * does the same for its own. Callers bound the wait (withDeadline).
 */
export async function connectionReady(redis: IORedis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      redis.off('end', onEnd);
      resolve();
    };
    const onEnd = () => {
      redis.off('ready', onReady);
      reject(new Error('Redis connection closed before it was ready'));
    };
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}
