import { BadRequestError } from './bad-request.error';

/** Opaque to clients; inside it is just the next offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && Number.isInteger(parsed.o) && Number(parsed.o) >= 0) {
      return Number(parsed.o);
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError(`after_cursor is not a cursor this server issued: "${cursor}"`);
}
