import fc from 'fast-check';
import { BATCH } from './snapshot-batch.fixture';

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
/** The fixture batch with up to two of its fields (or whole branches) replaced by junk. */
export const brokenBatch = fc.tuple(fc.constantFrom(...PATHS), junk, fc.constantFrom(...PATHS), junk).map(([p1, v1, p2, v2]) => withValue(withValue(BATCH, p1, v1), p2, v2));
/** What a JSON round trip makes of a value. */
export const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

