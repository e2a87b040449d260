import { parsed, parseIssue, type ParseResult } from './parse-result';

/** One `/markets/keyset` page, items still raw; `next` is null on the last page. */
export interface KeysetPage {
  readonly items: unknown[];
  readonly next: string | null;
}

/** `{ markets: [...], next_cursor }`; `data` is accepted for `markets`, as some mirrors name it. */
export function parseKeysetPage(body: unknown): ParseResult<KeysetPage> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return parseIssue('body is not an object with markets and next_cursor');
  const record = body as Record<string, unknown>;
  const items = record['markets'] ?? record['data'];
  if (!Array.isArray(items)) return parseIssue('markets is not an array');
  const next = record['next_cursor'];
  if (next !== undefined && next !== null && typeof next !== 'string') return parseIssue('next_cursor is not a string');
  return parsed({ items, next: typeof next === 'string' && next !== '' ? next : null });
}
