import { randomUUID } from 'node:crypto';
import type { Worker } from 'bullmq';
import { approvedIntentJobId } from './payloads/approved-intent.schema';
import { InvalidPayloadError } from './payload-validation';
import { QueueName } from './queue-names';
import { SNAPSHOT_PRIORITY } from './queue-registry';
import { QueueProducer } from './queue.producer';
import { startQueueWorker, type StructuredLogger } from './queue.worker';
import { waitFor } from '@polybot/testing';

const redisUrl = process.env.POLYBOT_REDIS_URL ?? 'redis://127.0.0.1:6379';

function silentLogger(lines: string[]): StructuredLogger {
  const push = (_fields: Record<string, unknown>, message: string) => void lines.push(message);
  return { info: push, warn: push, error: push };
}

describe('queues (real Redis)', () => {
  const connection = { redisUrl, prefix: `polybot-test-${randomUUID().slice(0, 8)}` };
  let producer: QueueProducer;
  const workers: Worker[] = [];

  beforeEach(() => {
    producer = new QueueProducer(connection);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await Promise.all(Object.values(QueueName).map((name) => producer.queue(name).obliterate({ force: true })));
    await producer.close();
  });

  it('refuses to enqueue a payload of the wrong shape, naming the field', async () => {
    const bad = { v: 1, intentId: 'not-a-uuid', approvedAt: new Date().toISOString() };
    await expect(producer.add(QueueName.ApprovedIntents, bad as never)).rejects.toThrow(InvalidPayloadError);
    await expect(producer.add(QueueName.ApprovedIntents, bad as never)).rejects.toThrow(/intentId/);
    expect((await producer.depths([QueueName.ApprovedIntents]))[QueueName.ApprovedIntents].waiting).toBe(0);
  });

  it('drops a duplicate approved-intent job: the job id derives from the intent', async () => {
    const intentId = randomUUID();
    const payload = { v: 1 as const, intentId, approvedAt: new Date().toISOString() };
    const first = await producer.add(QueueName.ApprovedIntents, payload, { jobId: approvedIntentJobId(intentId) });
    const second = await producer.add(QueueName.ApprovedIntents, payload, { jobId: approvedIntentJobId(intentId) });
    expect(first).toBe(`intent-${intentId}`);
    expect(second).toBe(first);
    expect((await producer.depths([QueueName.ApprovedIntents]))[QueueName.ApprovedIntents].waiting).toBe(1);
  });

  it('hands valid payloads to the handler and moves a wrong-version payload to the dead-letter queue', async () => {
    const seen: string[] = [];
    const logs: string[] = [];
    workers.push(
      startQueueWorker(QueueName.ApprovedIntents, async (payload) => void seen.push(payload.intentId), {
        connection,
        deadLetters: producer,
        logger: silentLogger(logs),
      }),
    );
    const good = randomUUID();
    await producer.add(QueueName.ApprovedIntents, { v: 1, intentId: good, approvedAt: new Date().toISOString() });
    // Bypass the producer's validation, as a stale or foreign producer would.
    await producer.queue(QueueName.ApprovedIntents).add('x', { v: 2, intentId: 'abc' });

    await waitFor(async () => (seen.length === 1 ? true : undefined));
    const dead = await waitFor(async () => {
      const jobs = await producer.queue(QueueName.DeadLetter).getJobs(['waiting']);
      return jobs.length ? jobs : undefined;
    });
    expect(seen).toEqual([good]);
    expect(dead).toHaveLength(1);
    expect(dead[0].data.queue).toBe(QueueName.ApprovedIntents);
    expect(dead[0].data.reason).toMatch(/^invalid approved-intents payload: v: /);
    expect(dead[0].data.payload).toEqual({ v: 2, intentId: 'abc' });
    expect(logs).toContain('Moved invalid job to the dead-letter queue');
  });

  it('takes a stream snapshot job before cycle jobs queued earlier, and counts prioritized jobs as waiting', async () => {
    const batch = (cycleId: string) => ({ v: 1 as const, cycleId, fetchedAt: new Date().toISOString(), events: [] });
    for (const n of [1, 2, 3]) await producer.add(QueueName.SnapshotsForStrategy, batch(`cycle-${n}`), { priority: SNAPSHOT_PRIORITY });
    await producer.add(QueueName.SnapshotsForStrategy, batch('stream-1'));
    expect((await producer.depths([QueueName.SnapshotsForStrategy]))[QueueName.SnapshotsForStrategy].waiting).toBe(4);

    const seen: string[] = [];
    workers.push(
      startQueueWorker(QueueName.SnapshotsForStrategy, async (payload) => void seen.push(payload.cycleId), {
        connection,
        deadLetters: producer,
        logger: silentLogger([]),
      }),
    );
    await waitFor(async () => (seen.length === 4 ? true : undefined));
    expect(seen).toEqual(['stream-1', 'cycle-1', 'cycle-2', 'cycle-3']);
  });
});
