import { randomUUID } from 'node:crypto';
import type IORedis from 'ioredis';
import { PayloadDecodeError, decodePayload, encodingOf, type EncodedPayload } from './shared-payload.codec';

/**
 * A payload bigger than this is stored once in Redis and each queue gets a reference to it; a
 * smaller one rides inline in each job, where a reference would cost its consumer a round trip.
 */
export const SHARED_PAYLOAD_INLINE_MAX_BYTES = 64 * 1024;

/**
 * How long a stored payload outlives its producer when not every consumer has released it (a
 * consumer down, a job failed). Only snapshot batches are shared, and a snapshot this old is long
 * past the STALE_DATA limit: its job then fails naming the expired payload.
 */
export const SHARED_PAYLOAD_TTL_MS = 15 * 60_000;

/** What a job carries instead of its payload: the Redis key of the stored payload and its size. */
export interface SharedPayloadRef {
  readonly sharedPayload: string;
  readonly bytes: number;
}

/** The payload a reference points to is gone: it expired or every consumer already released it. */
export class SharedPayloadGoneError extends Error {
  constructor(readonly key: string) {
    super(`shared payload ${key} is gone (expired after ${SHARED_PAYLOAD_TTL_MS / 60_000} min or already consumed)`);
    this.name = 'SharedPayloadGoneError';
  }
}

/** The reference's stored body cannot be decoded; `original` keeps it for the dead letter. */
export class SharedPayloadUnreadableError extends Error {
  constructor(readonly key: string, readonly original: unknown, reason: string) {
    super(`shared payload ${key} is unreadable: ${reason}`);
    this.name = 'SharedPayloadUnreadableError';
  }
}

// Deletes the payload when its last consumer lets go; a key already gone stays gone.
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local left = redis.call('HINCRBY', KEYS[1], 'refs', -1)
if left <= 0 then redis.call('DEL', KEYS[1]) end
return left`;

/**
 * One payload for several queues, stored once. BullMQ serializes each job's data on its own, and
 * ioredis measures and copies a string argument several times over; a Buffer body written once
 * costs a fraction of that (bench/README, fix 15), and as MessagePack it is half the size and
 * cheap to decode (fix 27). Each consumer releases its reference when done,
 * and the last release deletes the payload; the TTL bounds what a consumer that never comes costs.
 */
export class SharedPayloadStore {
  private readonly keyPrefix: string;

  constructor(private readonly redis: IORedis, prefix: string) {
    this.keyPrefix = `${prefix}:shared-payload:`;
  }

  /** Stores the encoded payload for `consumers` releases; the connection must be ready (a producer's does not queue commands). */
  async store({ body, encoding }: EncodedPayload, consumers: number): Promise<SharedPayloadRef> {
    const key = `${this.keyPrefix}${randomUUID()}`;
    const results = await this.redis.multi().hset(key, 'body', body, 'encoding', encoding, 'refs', consumers).pexpire(key, SHARED_PAYLOAD_TTL_MS).exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw new Error(`could not store shared payload ${key}: ${failed?.[0]?.message ?? 'transaction aborted'}`);
    return { sharedPayload: key, bytes: body.length };
  }

  /** The reference this job data is, or null; a key outside this deployment's prefix is no reference. */
  refOf(data: unknown): SharedPayloadRef | null {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const { sharedPayload, bytes } = data as Record<string, unknown>;
    if (typeof sharedPayload !== 'string' || !sharedPayload.startsWith(this.keyPrefix) || typeof bytes !== 'number') return null;
    return { sharedPayload, bytes };
  }

  async read(ref: SharedPayloadRef): Promise<unknown> {
    const [body, field] = await this.redis.hmgetBuffer(ref.sharedPayload, 'body', 'encoding');
    if (body === null) throw new SharedPayloadGoneError(ref.sharedPayload);
    const named = field === null ? null : field.toString('utf8');
    const encoding = encodingOf(named);
    if (encoding === null) throw new SharedPayloadUnreadableError(ref.sharedPayload, { encoding: named, base64: body.toString('base64') }, `unknown encoding '${named}'`);
    try {
      return decodePayload(body, encoding);
    } catch (error) {
      if (!(error instanceof PayloadDecodeError)) throw error;
      throw new SharedPayloadUnreadableError(ref.sharedPayload, error.original, `not ${encoding === 'json' ? 'JSON' : 'MessagePack'}: ${error.message}`);
    }
  }

  /** One consumer is done with it; returns how many still hold it (-1: it was already gone). */
  async release(ref: SharedPayloadRef): Promise<number> {
    return Number(await this.redis.eval(RELEASE, 1, ref.sharedPayload));
  }
}
