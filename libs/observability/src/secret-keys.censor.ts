import { REDACTED } from './secret-registry';

/** Keys whose values are credentials, whatever the value looks like. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'privateKey',
  'private_key',
  'polygonPrivateKey',
  'secret',
  'apiSecret',
  'api_secret',
  'clobApiSecret',
  'passphrase',
  'clobPassphrase',
  'password',
  'authorization',
  'Authorization',
  'apiKey',
  'api_key',
  'clobApiKey',
  'token',
  'apiToken',
]);

/** Levels below the logged object still censored by key (req.headers.authorization is two). */
const NESTED_LEVELS = 2;

function censorAt(value: unknown, level: number): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Date) return value;
  const descend = level < NESTED_LEVELS;
  if (Array.isArray(value)) {
    if (!descend) return value;
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const censored = censorAt(item, level + 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const censored = SECRET_KEYS.has(key) ? REDACTED : descend ? censorAt(item, level + 1) : item;
    if (censored !== item) (copy ??= { ...value })[key] = censored;
  }
  return copy ?? value;
}

/**
 * The value of every secret key, at the top of a logged object and up to two levels below it
 * (arrays count as a level), replaced by [REDACTED]. One walk, and a copy only of what holds such
 * a key: the caller's object is never changed. pino's own path redaction did the same with 51
 * paths, 34 of them wildcards, at 80 us and ~100 KB of garbage per line with two nested fields.
 */
export function censorSecretKeys<T extends object>(value: T): T {
  return censorAt(value, 0) as T;
}
