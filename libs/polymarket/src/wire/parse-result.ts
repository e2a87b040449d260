import type { ZodError, ZodErrorMap } from 'zod';

/**
 * Outcome of parsing one venue item. A malformed item becomes an `issue` (the caller skips it and
 * reports it); a usable item may still carry `warnings` about parts that were dropped.
 */
export type ParseResult<T> =
  | { readonly value: T; readonly warnings: readonly string[] }
  | { readonly issue: string };

export function parsed<T>(value: T, warnings: readonly string[] = []): ParseResult<T> {
  return { value, warnings };
}

export function parseIssue<T>(issue: string): ParseResult<T> {
  return { issue };
}

export function isParseIssue<T>(result: ParseResult<T>): result is { readonly issue: string } {
  return 'issue' in result;
}

/** Short messages: the item and the field are named by `describeZodError`. */
export const wireErrorMap: ZodErrorMap = (issue, ctx) => {
  if (issue.code === 'invalid_type') {
    if (issue.received === 'undefined') return { message: 'is missing' };
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    return { message: `is not ${article} ${issue.expected} (got ${issue.received})` };
  }
  if (issue.code === 'invalid_union') {
    if (ctx.data === undefined) return { message: 'is missing' };
    return { message: `has the wrong type (got ${ctx.data === null ? 'null' : Array.isArray(ctx.data) ? 'array' : typeof ctx.data})` };
  }
  return { message: ctx.defaultError };
};

/** First zod issue as "<field> <problem>", e.g. "clobTokenIds is not a JSON array of strings". */
export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'is invalid';
  const field = first.path.length > 0 ? first.path.join('.') : 'payload';
  return `${field} ${first.message}`;
}

/** A label for an item that may not even have a usable id. */
export function itemLabel(kind: string, raw: unknown, index?: number): string {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    for (const key of ['id', 'asset_id']) {
      const id = record[key];
      if ((typeof id === 'string' && id.length > 0) || typeof id === 'number') return `${kind} ${String(id)}`;
    }
  }
  return index === undefined ? `${kind} (no id)` : `${kind} #${index}`;
}
