/**
 * Hand-written checks for the hot wire paths (market channel frames, CLOB books, Gamma catalogue).
 * zod cost 30-110 µs per stream price change, most of the ingestor's CPU under a busy stream, and
 * its allocations were a third of the ingestor's time in GC reading Gamma; these cost ~1-2 µs.
 * Each guard refuses exactly what the zod schema it replaced refused, with the words wireErrorMap
 * gave it (the fuzz spec holds the old schemas and compares), so logged issues read the same.
 */

/** A refused field: `field` is the dotted path zod would have named ('' for the payload itself). */
export class WireFieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field || 'payload'} ${problem}`);
    this.name = 'WireFieldError';
  }
}

export type WireRecord = Readonly<Record<string, unknown>>;

/** zod's name for a value's type, as it appears in "(got ...)". */
export function receivedType(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? 'nan' : 'number';
    case 'object': {
      if (Array.isArray(value)) return 'array';
      if (value === null) return 'null';
      const maybe = value as { then?: unknown; catch?: unknown };
      if (maybe.then && typeof maybe.then === 'function' && maybe.catch && typeof maybe.catch === 'function') return 'promise';
      if (value instanceof Map) return 'map';
      if (value instanceof Set) return 'set';
      if (value instanceof Date) return 'date';
      return 'object';
    }
    default:
      return typeof value;
  }
}

/** zod's default words for an empty string where one character is required. */
const TOO_SHORT = 'String must contain at least 1 character(s)';

function fieldPath(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function wrongKind(field: string, expected: string, value: unknown): WireFieldError {
  if (value === undefined) return new WireFieldError(field, 'is missing');
  const article = /^[aeiou]/.test(expected) ? 'an' : 'a';
  return new WireFieldError(field, `is not ${article} ${expected} (got ${receivedType(value)})`);
}

/** The value as a record, or a refusal naming `field` (a JSON object; zod's 'object'). */
export function wireRecord(value: unknown, field = ''): WireRecord {
  if (receivedType(value) !== 'object') throw wrongKind(field, 'object', value);
  return value as WireRecord;
}

export function isWireRecord(value: unknown): value is WireRecord {
  return receivedType(value) === 'object';
}

export function text(record: WireRecord, key: string, prefix = ''): string {
  const value = record[key];
  if (typeof value !== 'string') throw wrongKind(fieldPath(prefix, key), 'string', value);
  return value;
}

export function nonEmptyText(record: WireRecord, key: string, prefix = ''): string {
  const value = text(record, key, prefix);
  if (value.length < 1) throw new WireFieldError(fieldPath(prefix, key), TOO_SHORT);
  return value;
}

export function optionalText(record: WireRecord, key: string, prefix = ''): string | null | undefined {
  const value = record[key];
  return value === undefined || value === null ? value : text(record, key, prefix);
}

export function optionalRecord(record: WireRecord, key: string): WireRecord | null | undefined {
  const value = record[key];
  return value === undefined || value === null ? value : wireRecord(value, key);
}

/** Gamma sends empty strings where it means "none". */
export function textOrNone(record: WireRecord, key: string): string | null {
  const value = optionalText(record, key);
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/** wireErrorMap's words for a failed zod union, which numberish's checks also used. */
function wrongTypeOf(input: unknown): string {
  return input === undefined ? 'is missing' : `has the wrong type (got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input})`;
}

/** Ids arrive as strings, occasionally as numbers (zod's union of a non-empty string and a number). */
export function idText(record: WireRecord, key: string): string {
  const value = record[key];
  if (typeof value === 'number' && !Number.isNaN(value)) return String(value);
  if (typeof value !== 'string') throw new WireFieldError(key, wrongTypeOf(value));
  if (value.length < 1) throw new WireFieldError(key, TOO_SHORT);
  return value;
}

export function optionalIdText(record: WireRecord, key: string): string | null | undefined {
  const value = record[key];
  return value === undefined || value === null ? value : idText(record, key);
}

export function optionalBoolean(record: WireRecord, key: string, prefix = ''): boolean | null | undefined {
  const value = record[key];
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  throw wrongKind(fieldPath(prefix, key), 'boolean', value);
}

/** Gamma's booleans are sometimes null or absent; absent means "no". */
export function flag(record: WireRecord, key: string): boolean {
  return optionalBoolean(record, key) ?? false;
}

/** An array of at least `min` items (items are the caller's to check). */
export function list(record: WireRecord, key: string, min = 0): readonly unknown[] {
  const value = record[key];
  if (!Array.isArray(value)) throw wrongKind(key, 'array', value);
  if (value.length < min) throw new WireFieldError(key, `Array must contain at least ${min} element(s)`);
  return value;
}

/** An array of at least `min` non-empty strings; a wrong item is named `<key>.<index>`. */
export function nonEmptyTexts(record: WireRecord, key: string, min = 0): string[] {
  return list(record, key, min).map((item, index) => {
    const field = `${key}.${index}`;
    if (typeof item !== 'string') throw wrongKind(field, 'string', item);
    if (item.length < 1) throw new WireFieldError(field, TOO_SHORT);
    return item;
  });
}

export function optionalList(record: WireRecord, key: string): readonly unknown[] | null | undefined {
  const value = record[key];
  return value === undefined || value === null ? value : list(record, key);
}

/** The venue sends numbers and decimal strings alike; the words are those zod's numberish gave. */
export function numberish(record: WireRecord, key: string, prefix = ''): number {
  const input = record[key];
  if (typeof input === 'number') {
    if (Number.isFinite(input)) return input;
  } else if (typeof input === 'string') {
    const value = input.trim() === '' ? Number.NaN : Number(input);
    if (Number.isFinite(value)) return value;
  } else {
    throw new WireFieldError(fieldPath(prefix, key), wrongTypeOf(input));
  }
  throw new WireFieldError(fieldPath(prefix, key), `is not a finite number (got ${JSON.stringify(input)})`);
}

export function optionalNumberish(record: WireRecord, key: string): number | null | undefined {
  const value = record[key];
  return value === undefined || value === null ? value : numberish(record, key);
}

/** A numberish field that must also pass `holds`, else refused with `problem`. */
export function checkedNumber(record: WireRecord, key: string, holds: (value: number) => boolean, problem: string, prefix = ''): number {
  const value = numberish(record, key, prefix);
  if (!holds(value)) throw new WireFieldError(fieldPath(prefix, key), problem);
  return value;
}

/** One of `options`, compared after upper-casing a string (the venue mixes "buy" and "BUY"). */
export function upperCaseChoice<T extends string>(record: WireRecord, key: string, options: readonly T[], prefix = ''): T {
  const raw = record[key];
  const value = typeof raw === 'string' ? raw.toUpperCase() : raw;
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  const shown = options.map((option) => `'${option}'`).join(' | ');
  if (typeof value !== 'string') throw wrongKind(fieldPath(prefix, key), shown, value);
  throw new WireFieldError(fieldPath(prefix, key), `Invalid enum value. Expected ${shown}, received '${value}'`);
}

/** Runs a reader built from these guards; a refused field comes back as the value, not thrown. */
export function readOrRefusal<T>(read: () => T): T | WireFieldError {
  try {
    return read();
  } catch (error) {
    if (error instanceof WireFieldError) return error;
    throw error;
  }
}
