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
