import { z } from 'zod';

/** Same words as wireErrorMap gives a failed union, so messages are unchanged. */
function wrongType(input: unknown): string {
  if (input === undefined) return 'is missing';
  return `has the wrong type (got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input})`;
}

/**
 * The venue mixes numbers and decimal strings ("0.001") for the same kind of field. Checked by
 * hand rather than as z.union([number, string]): the union builds a failed-branch issue for every
 * string, which made zod the ingestor's top CPU cost on the stream (2.5x slower per price change).
 */
export const numberish = z.unknown().transform((input, ctx) => {
  if (typeof input !== 'number' && typeof input !== 'string') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: wrongType(input) });
    return z.NEVER;
  }
  const value = typeof input === 'number' ? input : input.trim() === '' ? Number.NaN : Number(input);
  if (!Number.isFinite(value)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a finite number (got ${JSON.stringify(input)})` });
    return z.NEVER;
  }
  return value;
});

/** Ids arrive as strings, occasionally as numbers. */
export const idString = z.union([z.string().min(1), z.number()]).transform((id) => String(id));

/** Gamma's booleans are sometimes null or absent; absent means "no". */
export const flag = z.boolean().nullish().transform((value) => value ?? false);

/** Gamma sends empty strings where it means "none". */
export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value));

function decodeStringArray(input: unknown): string[] | null {
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

/**
 * Gamma encodes `outcomes`, `outcomePrices` and `clobTokenIds` as JSON inside a string
 * (`"[\"Yes\", \"No\"]"`). A real array is accepted too, since some mirrors decode it for us.
 */
export const jsonStringArray = z.unknown().transform((input, ctx) => {
  const decoded = input === undefined || input === null ? null : decodeStringArray(input);
  if (decoded === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a JSON array of strings' });
    return z.NEVER;
  }
  return decoded;
});

export const optionalJsonStringArray = z.unknown().transform((input, ctx) => {
  if (input === undefined || input === null) return null;
  const decoded = decodeStringArray(input);
  if (decoded === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a JSON array of strings' });
    return z.NEVER;
  }
  return decoded;
});

export const gammaTagSchema = z.object({
  id: idString.nullish(),
  label: z.string(),
  slug: z.string().nullish(),
});

/** Tags are decoration: a malformed tag is dropped with a warning instead of failing its item. */
export function parseTagLabels(raw: unknown, owner: string, warnings: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    warnings.push(`${owner}: tags is not an array; ignored`);
    return [];
  }
  const labels: string[] = [];
  raw.forEach((tag, index) => {
    const result = gammaTagSchema.safeParse(tag);
    if (result.success && result.data.label.trim() !== '') labels.push(result.data.label);
    else warnings.push(`${owner}: tags[${index}] has no label; ignored`);
  });
  return labels;
}
