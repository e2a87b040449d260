import { randomUUID } from 'node:crypto';
import type { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { SnapshotBatchJob } from './payloads/market-snapshot.schema';
import { batchOf } from './payloads/test/snapshot-batch.fixture';
import { QueueName } from './queue-names';
import { QueueProducer } from './queue.producer';
import { startQueueWorker, type QueueHandler, type StructuredLogger } from './queue.worker';
import { encodePayload } from './shared-payload.codec';
import { SHARED_PAYLOAD_INLINE_MAX_BYTES, SHARED_PAYLOAD_TTL_MS, SharedPayloadStore } from './shared-payload.store';
import { waitFor } from '@polybot/testing';

const redisUrl = process.env.POLYBOT_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SNAPSHOTS = [QueueName.SnapshotsForStrategy, QueueName.SnapshotsForRisk] as const;
const silent: StructuredLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const batch = (events: number): SnapshotBatchJob => batchOf(events, randomUUID()) as SnapshotBatchJob;

describe('payloads shared by several queues (real Redis)', () => {
  const connection = { redisUrl, prefix: `polybot-test-${randomUUID().slice(0, 8)}` };
  let producer: QueueProducer;
  let redis: IORedis;
  const workers: Worker[] = [];

  const sharedKeys = () => redis.keys(`${connection.prefix}:shared-payload:*`);
  const rawJobs = async (name: QueueName): Promise<Job[]> => producer.queue(name).getJobs(['waiting', 'prioritized', 'active', 'completed', 'failed']);
  const consume = <Q extends QueueName>(name: Q, handler: QueueHandler<Q>): void =>
    void workers.push(startQueueWorker(name, handler, { connection, deadLetters: producer, logger: silent }));

  beforeEach(() => {
    producer = new QueueProducer(connection);
    redis = new IORedis(redisUrl);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await Promise.all(Object.values(QueueName).map((name) => producer.queue(name).obliterate({ force: true })));
    const keys = await sharedKeys();
    if (keys.length > 0) await redis.del(...keys);
    await producer.close();
    redis.disconnect();
  });

  it('stores a big payload once, as MessagePack, hands both consumers the same payload, and deletes it after the last one is done', async () => {
    const payload = batch(200);
    const { body } = encodePayload(payload);
    expect(body.length).toBeGreaterThan(SHARED_PAYLOAD_INLINE_MAX_BYTES);
    await producer.fanOut(SNAPSHOTS, payload);

    const [key] = await sharedKeys();
    expect(await sharedKeys()).toHaveLength(1);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(SHARED_PAYLOAD_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SHARED_PAYLOAD_TTL_MS);
    expect(await redis.hget(key, 'encoding')).toBe('msgpack');
    expect((await redis.hgetBuffer(key, 'body'))?.equals(body)).toBe(true);
    expect(body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(payload)) / 2);
    for (const name of SNAPSHOTS) {
      const jobs = await rawJobs(name);
      expect(jobs.map((job) => job.data)).toEqual([{ sharedPayload: key, bytes: body.length }]);
      const store = new SharedPayloadStore(redis, connection.prefix);
      expect(await Promise.all(jobs.map((job) => store.read(store.refOf(job.data)!)))).toEqual([payload]);
    }

    const seen: unknown[] = [];
    consume(QueueName.SnapshotsForStrategy, async (received) => void seen.push(received));
    await waitFor(async () => (seen.length === 1 && (await redis.hget(key, 'refs')) === '1' ? true : undefined));
    expect(seen).toEqual([payload]);

    consume(QueueName.SnapshotsForRisk, async (received) => void seen.push(received));
    await waitFor(async () => ((await redis.exists(key)) === 0 ? true : undefined));
    expect(seen).toEqual([payload, payload]);
  });

  it('puts a small payload inline in each job, with nothing stored apart', async () => {
    const payload = batch(1);
    await producer.fanOut(SNAPSHOTS, payload);
    expect(await sharedKeys()).toEqual([]);
    for (const name of SNAPSHOTS) expect((await rawJobs(name)).map((job) => job.data)).toEqual([payload]);
  });

  it('refuses a payload that one of the queues would not accept, storing and queueing nothing', async () => {
    const bad = { ...batch(100), fetchedAt: 'yesterday' };
    await expect(producer.fanOut(SNAPSHOTS, bad)).rejects.toThrow(/invalid snapshots-strategy payload: fetchedAt/);
    await expect(producer.fanOut([] as (typeof SNAPSHOTS)[number][], batch(100))).rejects.toThrow('fanOut needs at least one queue');
    expect(await sharedKeys()).toEqual([]);
    for (const name of SNAPSHOTS) expect(await rawJobs(name)).toEqual([]);
  });

  it('fails a job whose payload is gone, naming it, without retrying and without calling the handler', async () => {
    const ref = await new SharedPayloadStore(redis, connection.prefix).store(encodePayload(batch(1)), 1);
    await redis.del(ref.sharedPayload);
    // Attempts to spare, as a retried queue would have: a payload that is gone stays gone.
    await producer.queue(QueueName.SnapshotsForStrategy).add(QueueName.SnapshotsForStrategy, ref, { attempts: 3 });
    const handled: unknown[] = [];
    consume(QueueName.SnapshotsForStrategy, async (received) => void handled.push(received));
    const failed = await waitFor(async () => (await producer.queue(QueueName.SnapshotsForStrategy).getJobs(['failed']))[0]);
    expect(failed.failedReason).toBe(`shared payload ${ref.sharedPayload} is gone (expired after 15 min or already consumed)`);
    expect(failed.attemptsMade).toBe(1);
    expect(handled).toEqual([]);
  });

  it('keeps the payload when the handler fails, for a person or a retry to read', async () => {
    await producer.fanOut(SNAPSHOTS, batch(200));
    const [key] = await sharedKeys();
    consume(QueueName.SnapshotsForStrategy, async () => {
      throw new Error('strategy broke');
    });
    const failed = await waitFor(async () => (await producer.queue(QueueName.SnapshotsForStrategy).getJobs(['failed']))[0]);
    expect(failed.failedReason).toBe('strategy broke');
    expect(await redis.hget(key, 'refs')).toBe('2');
  });

  it('reads a JSON payload stored without an encoding, as a producer from before MessagePack stored it', async () => {
    const payload = batch(1);
    const key = `${connection.prefix}:shared-payload:${randomUUID()}`;
    const json = JSON.stringify(payload);
    await redis.hset(key, 'body', json, 'refs', 1);
    await producer.queue(QueueName.SnapshotsForRisk).add(QueueName.SnapshotsForRisk, { sharedPayload: key, bytes: json.length });
    const seen: unknown[] = [];
    consume(QueueName.SnapshotsForRisk, async (received) => void seen.push(received));
    await waitFor(async () => ((await redis.exists(key)) === 0 ? true : undefined));
    expect(seen).toEqual([payload]);
  });

  it('dead-letters a shared payload the queue does not accept, or that cannot be decoded, keeping it in the dead letter, and releases it', async () => {
    const store = new SharedPayloadStore(redis, connection.prefix);
    const wrongVersion = { ...batch(1), v: 2 };
    const truncated = encodePayload(batch(1)).body.subarray(0, 40);
    const refs = [
      await store.store(encodePayload(wrongVersion), 1),
      await store.store({ body: Buffer.from('{"v":1,'), encoding: 'json' }, 1),
      await store.store({ body: truncated, encoding: 'msgpack' }, 1),
    ];
    const unknownEncoding = await store.store({ body: Buffer.from('{}'), encoding: 'json' }, 1);
    await redis.hset(unknownEncoding.sharedPayload, 'encoding', 'gzip');
    refs.push(unknownEncoding);
    // Added raw, as a foreign or stale producer would.
    for (const ref of refs) await producer.queue(QueueName.SnapshotsForRisk).add(QueueName.SnapshotsForRisk, ref);
    consume(QueueName.SnapshotsForRisk, async () => undefined);

    const dead = await waitFor(async () => {
      const jobs = await producer.queue(QueueName.DeadLetter).getJobs(['waiting']);
      return jobs.length === refs.length ? jobs.map((job) => job.data as { reason: string; payload: unknown }) : undefined;
    });
    const letterOf = (key: string) => dead.find((letter) => letter.reason.includes(key) || JSON.stringify(letter.payload).includes(key));
    const [invalid] = dead.filter((letter) => letter.reason.startsWith('invalid '));
    expect(invalid.payload).toEqual(wrongVersion);
    expect(invalid.reason).toMatch(/^invalid snapshots-risk payload: v: /);
    expect(letterOf(refs[1].sharedPayload)).toEqual(expect.objectContaining({
      payload: '{"v":1,', reason: expect.stringMatching(new RegExp(`^shared payload ${refs[1].sharedPayload} is unreadable: not JSON: `)),
    }));
    expect(letterOf(refs[2].sharedPayload)).toEqual(expect.objectContaining({
      payload: { encoding: 'msgpack', base64: truncated.toString('base64') },
      reason: expect.stringMatching(new RegExp(`^shared payload ${refs[2].sharedPayload} is unreadable: not MessagePack: `)),
    }));
    expect(letterOf(refs[3].sharedPayload)).toEqual(expect.objectContaining({
      payload: { encoding: 'gzip', base64: Buffer.from('{}').toString('base64') }, reason: `shared payload ${refs[3].sharedPayload} is unreadable: unknown encoding 'gzip'`,
    }));
    await waitFor(async () => ((await sharedKeys()).length === 0 ? true : undefined));
  });

  it('takes a reference outside its own prefix for plain (invalid) data, never reading that key', async () => {
    const foreign = `someone-else:shared-payload:${randomUUID()}`;
    await redis.hset(foreign, 'body', JSON.stringify(batch(1)), 'refs', 1);
    try {
      await producer.queue(QueueName.SnapshotsForRisk).add(QueueName.SnapshotsForRisk, { sharedPayload: foreign, bytes: 10 });
      consume(QueueName.SnapshotsForRisk, async () => undefined);
      const [letter] = await waitFor(async () => {
        const jobs = await producer.queue(QueueName.DeadLetter).getJobs(['waiting']);
        return jobs.length === 1 ? jobs.map((job) => job.data as { payload: unknown }) : undefined;
      });
      expect(letter.payload).toEqual({ sharedPayload: foreign, bytes: 10 });
      expect(await redis.hget(foreign, 'refs')).toBe('1');
    } finally {
      await redis.del(foreign);
    }
  });
});
