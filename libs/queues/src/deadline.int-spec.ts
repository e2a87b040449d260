import { DeadlineExceededError, withDeadline } from './deadline';
import { createRedisConnection } from './redis-connection';

const redisUrl = process.env.POLYBOT_REDIS_URL ?? 'redis://127.0.0.1:6379';

function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy on purpose: stands for a cycle building snapshots synchronously.
  }
}

describe('withDeadline (real Redis)', () => {
  const redis = createRedisConnection(redisUrl, 'worker');

  afterAll(() => redis.disconnect());

  it('takes an answer that arrived while the event loop was blocked past the deadline', async () => {
    await redis.ping();
    const answer = withDeadline(redis.ping(), 50, 'Redis (ping)');
    blockEventLoop(300);
    await expect(answer).resolves.toBe('PONG');
  });

  it('still rejects when no answer comes', async () => {
    await expect(withDeadline(new Promise(() => undefined), 50, 'nothing')).rejects.toThrow(DeadlineExceededError);
  });
});
