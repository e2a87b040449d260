import { describeTarget, redactPassword, type DatabaseTarget } from './database-url';

/** A database failure that says what we were doing and where, never with the password. */
export class DatabaseConnectionError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'DatabaseConnectionError';
  }
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

interface ErrorWithCode {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

function codeOf(error: unknown): string | undefined {
  const withCode = error as ErrorWithCode | null;
  if (withCode && typeof withCode.code === 'string') return withCode.code;
  // Node reports a dual-stack refusal as an AggregateError whose members carry the code.
  if (withCode && Array.isArray(withCode.errors)) return withCode.errors.map(codeOf).find((c) => c !== undefined);
  return undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return String(error);
}

/** Turns a driver error into one line a person can act on. */
export function describeDatabaseError(action: string, target: DatabaseTarget, error: unknown): DatabaseConnectionError {
  const code = codeOf(error);
  const where = `${target.host}:${target.port}`;
  let message: string;
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    message = `cannot reach PostgreSQL at ${where}: ${code}`;
  } else if (code === '28P01' || code === '28000') {
    message = `PostgreSQL at ${where} refused user "${target.user}": ${messageOf(error)}`;
  } else if (code === '3D000') {
    message = `database "${target.database}" does not exist on ${where}`;
  } else {
    message = `${action} failed on ${describeTarget(target)}: ${messageOf(error)}${code ? ` (${code})` : ''}`;
  }
  return new DatabaseConnectionError(redactPassword(message, target), code);
}
