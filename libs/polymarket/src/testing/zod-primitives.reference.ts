import { z } from 'zod';
import { decodeStringArray, parseTagLabels } from '../wire/wire-primitives';

/**
 * The zod building blocks the wire schemas used before the hand-written field guards replaced
 * them; kept only for the reference schemas the fuzz specs compare the guards against.
 */

/** Same words as wireErrorMap gives a failed union, so messages are unchanged. */
function wrongType(input: unknown): string {
  if (input === undefined) return 'is missing';
  return `has the wrong type (got ${input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input})`;
}

/** Checked by hand rather than as z.union([number, string]), which was 2.5x slower per price change. */
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

export const idString = z.union([z.string().min(1), z.number()]).transform((id) => String(id));

export const flag = z.boolean().nullish().transform((value) => value ?? false);

export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value));

function decodedOrIssue(input: unknown, ctx: z.RefinementCtx): string[] {
  const decoded = input === undefined || input === null ? null : decodeStringArray(input);
  if (decoded !== null) return decoded;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a JSON array of strings' });
  return z.NEVER;
}

export const jsonStringArray = z.unknown().transform(decodedOrIssue);
export const optionalJsonStringArray = z.unknown().transform((input, ctx) => (input === undefined || input === null ? null : decodedOrIssue(input, ctx)));

const gammaTagSchema = z.object({
  id: idString.nullish(),
  label: z.string(),
  slug: z.string().nullish(),
});

function zodTagLabel(tag: unknown): string | null {
  const result = gammaTagSchema.safeParse(tag);
  return result.success && result.data.label.trim() !== '' ? result.data.label : null;
}

/** parseTagLabels as it was: each tag checked by the zod tag schema. */
export function zodTagLabels(raw: unknown, owner: string, warnings: string[]): string[] {
  return parseTagLabels(raw, owner, warnings, zodTagLabel);
}
