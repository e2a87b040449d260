import { BadRequestError } from './bad-request.error';

export const INITIAL_CURSOR = 'MA==';
export const END_CURSOR = 'LTE=';
const PAGE_SIZE = 500;

/** The CLOB's cursor pages: the cursor is a base64 offset, 'MA==' ("0") first and 'LTE=' ("-1") at the end. */
export function cursorPage<T>(rows: readonly T[], cursor: string | undefined) {
  const offset = cursor === undefined || cursor === '' ? 0 : Number(Buffer.from(cursor, 'base64').toString('utf8'));
  if (cursor === END_CURSOR) return { data: [] as T[], next_cursor: END_CURSOR, limit: PAGE_SIZE, count: 0 };
  if (!Number.isInteger(offset) || offset < 0) throw new BadRequestError(`invalid next_cursor "${cursor}"`);
  const data = rows.slice(offset, offset + PAGE_SIZE);
  const next = offset + PAGE_SIZE < rows.length ? Buffer.from(String(offset + PAGE_SIZE)).toString('base64') : END_CURSOR;
  return { data, next_cursor: next, limit: PAGE_SIZE, count: data.length };
}
