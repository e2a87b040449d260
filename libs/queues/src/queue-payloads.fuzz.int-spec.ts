import { randomUUID } from 'node:crypto';
import type { Worker } from 'bullmq';
import fc from 'fast-check';
import { QueueName } from './queue-names';
import { QueueProducer } from './queue.producer';
import { startQueueWorker, type StructuredLogger } from './queue.worker';

const redisUrl = process.env.POLYBOT_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONSUMED = [QueueName.SnapshotsForStrategy, QueueName.Signals, QueueName.ApprovedIntents] as const;
const BAD_PER_QUEUE = 350;

/** Payloads a stale producer, another version or a corrupted write would leave on a queue. */
const badPayload = fc.oneof(
  fc.anything(),
  fc.record({ v: fc.oneof(fc.constant(2), fc.constant(0), fc.string()), intentId: fc.uuid(), approvedAt: fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())) }),
  fc.record({ v: fc.constant(1), intentId: fc.string(), approvedAt: fc.string() }),
  fc.record({ v: fc.constant(1), cycleId: fc.string(), fetchedAt: fc.constant('not a date'), events: fc.array(fc.anything(), { maxLength: 2 }) }),
  fc.record({ v: fc.constant(1), cycleId: fc.constant(''), items: fc.constant([]) }),
  fc.record({ v: fc.constant(1), cycleId: fc.string(), items: fc.array(fc.record({ signal: fc.object(), market: fc.object() }), { minLength: 1, maxLength: 2 }) }),
);

/** Bad queue payloads: every one goes to the dead-letter queue with its reason; no handler sees one; nothing crashes. */
describe('queue payloads, generated bad input (real Redis)', () => {
  const connection = { redisUrl, prefix: `polybot-fuzz-${randomUUID().slice(0, 8)}` };
  const producer = new QueueProducer(connection);
  const workers: Worker[] = [];
  const silent: StructuredLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all(Object.values(QueueName).map((name) => producer.queue(name).obliterate({ force: true })));
    await producer.close();
  });

  it(`dead-letters ${BAD_PER_QUEUE * CONSUMED.length} bad payloads with a reason and never calls a handler`, async () => {
    let handled = 0;
    for (const queue of CONSUMED) {
      workers.push(startQueueWorker(queue, async () => void (handled += 1), { connection, deadLetters: producer, logger: silent, concurrency: 8 }));
    }
    const samples = fc.sample(badPayload, { numRuns: BAD_PER_QUEUE * CONSUMED.length, seed: 2026 });
    // Bypass the producer's validation, as a foreign or stale producer would.
    await Promise.all(samples.map((payload, i) => producer.queue(CONSUMED[i % CONSUMED.length]).add('raw', payload === undefined ? null : payload)));

    const deadline = Date.now() + 60_000;
    let dead = 0;
    while (Date.now() < deadline) {
      dead = (await producer.depths([QueueName.DeadLetter]))[QueueName.DeadLetter].waiting;
      if (dead >= samples.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(dead).toBe(samples.length);
    expect(handled).toBe(0);
    const letters = await producer.queue(QueueName.DeadLetter).getJobs(['waiting'], 0, 50);
    for (const letter of letters) {
      expect(CONSUMED).toContain(letter.data.queue);
      expect(letter.data.reason).toMatch(/^invalid [a-z-]+ payload: /);
    }
    for (const queue of CONSUMED) expect((await producer.depths([queue]))[queue].failed).toBe(0);
  }, 90_000);
});
