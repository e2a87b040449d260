import { optionalIdText, optionalText, readOrRefusal, text, WireFieldError, wireRecord, type WireRecord } from './field-guards';

/** Gamma's JSON-in-string arrays, decoded; null when the value is not an array of strings. */
export function decodeStringArray(input: unknown): string[] | null {
  let decoded: unknown = input;
  if (typeof input === 'string') {
    try {
      decoded = JSON.parse(input);
    } catch {
      return null;
    }
  }
  return Array.isArray(decoded) && decoded.every((item) => typeof item === 'string') ? decoded : null;
}

const NOT_STRINGS = 'is not a JSON array of strings';

/**
 * Gamma encodes `outcomes`, `outcomePrices` and `clobTokenIds` as JSON inside a string
 * (`"[\"Yes\", \"No\"]"`). A real array is accepted too, since some mirrors decode it for us.
 */
export function jsonStrings(record: WireRecord, key: string): string[] {
  const value = record[key];
  const decoded = value === undefined || value === null ? null : decodeStringArray(value);
  if (decoded === null) throw new WireFieldError(key, NOT_STRINGS);
  return decoded;
}

export function optionalJsonStrings(record: WireRecord, key: string): string[] | null {
  const value = record[key];
  return value === undefined || value === null ? null : jsonStrings(record, key);
}

/** A tag's label, or null when the tag is malformed or its label blank. */
function tagLabel(tag: unknown): string | null {
  const label = readOrRefusal(() => {
    const record = wireRecord(tag);
    optionalIdText(record, 'id');
    const checked = text(record, 'label');
    optionalText(record, 'slug');
    return checked;
  });
  return label instanceof WireFieldError || label.trim() === '' ? null : label;
}

/**
 * Tags are decoration: a malformed tag is dropped with a warning instead of failing its item.
 * `labelOf` is replaceable so the fuzz spec can run this with the zod tag check it replaced.
 */
export function parseTagLabels(raw: unknown, owner: string, warnings: string[], labelOf = tagLabel): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    warnings.push(`${owner}: tags is not an array; ignored`);
    return [];
  }
  const labels: string[] = [];
  raw.forEach((tag, index) => {
    const label = labelOf(tag);
    if (label === null) warnings.push(`${owner}: tags[${index}] has no label; ignored`);
    else labels.push(label);
  });
  return labels;
}
