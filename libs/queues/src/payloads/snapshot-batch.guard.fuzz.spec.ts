import fc from 'fast-check';
import { checkPayload, parsePayload } from '../payload-validation';
import { QueueName } from '../queue-names';
import { snapshotBatchSchema } from './market-snapshot.schema';
import { isSnapshotBatch } from './snapshot-batch.guard';
import { BATCH } from './test/snapshot-batch.fixture';

/** Every path to a value in the batch, so any one field can be broken. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}
const PATHS = paths(BATCH);

function withValue(base: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

const junk = fc.oneof(
  { arbitrary: fc.constantFrom(-1, 0, -0, 0.1, 0.11, 0.15, 1, 1.01, 2, NaN, Infinity, -Infinity), weight: 4 },
  fc.constantFrom(undefined, null, '', 'x', '1', true, false, [], {}, ['a'], [1], [null]),
  fc.constantFrom('2026-02-29T00:00:00Z', '2028-02-29T00:00:00Z', '2026-12-04T24:00:00Z', '2026-12-04T04:30Z', '2026-12-04T04:30:15.5+0100', '2026-12-04', 'v'),
  fc.string(), fc.double(), fc.integer(), fc.anything({ maxDepth: 1 }),
);
const brokenBatch = fc.tuple(fc.constantFrom(...PATHS), junk, fc.constantFrom(...PATHS), junk).map(([p1, v1, p2, v2]) => withValue(withValue(BATCH, p1, v1), p2, v2));
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/** The fast snapshot batch check vs snapshotBatchSchema: never a yes the schema would refuse; a refusal reads as before. */
describe('snapshot batch fast check (5,000 generated batches)', () => {
  it('accepts the real shape', () => {
    expect(isSnapshotBatch(BATCH)).toBe(true);
    expect(isSnapshotBatch(asJson(BATCH))).toBe(true);
  });

  it('on JSON (what Redis hands a consumer) it agrees with the schema exactly', () => {
    let refused = 0;
    fc.assert(
      fc.property(brokenBatch.map(asJson), (data) => {
        const schema = snapshotBatchSchema.safeParse(data).success;
        expect(isSnapshotBatch(data)).toBe(schema);
        if (!schema) refused += 1;
      }),
      { numRuns: 4000, seed: 6 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('on any JavaScript value it never says yes where the schema says no, and a refusal carries the schema words', () => {
    fc.assert(
      fc.property(fc.oneof(brokenBatch, fc.anything()), (data) => {
        if (isSnapshotBatch(data)) expect(snapshotBatchSchema.safeParse(data).success).toBe(true);
        const consumed = (() => {
          try {
            return checkPayload(QueueName.SnapshotsForRisk, data);
          } catch (error) {
            return error instanceof Error ? error.message : 'not an Error';
          }
        })();
        const parsed = (() => {
          try {
            return parsePayload(QueueName.SnapshotsForRisk, data);
          } catch (error) {
            return error instanceof Error ? error.message : 'not an Error';
          }
        })();
        if (typeof parsed === 'string') expect(consumed).toBe(parsed);
        else expect(consumed).toMatchObject(parsed);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });
});
