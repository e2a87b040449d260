import { PersistenceUnavailableError } from './intent.errors';

// Socket errors, and PostgreSQL's connection-exception (08xxx) and operator-intervention (57Pxx) classes.
const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|08\w{3}|57P\d{2})$/;

/** True for a lost or refused database connection (as opposed to a bug in a query). */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.test(code)) return true;
  return /connection (terminated|refused|timeout)|not (yet )?established|cannot reach PostgreSQL/i.test(error.message);
}

/**
 * Runs database work; a lost connection becomes a clear PersistenceUnavailableError (a 503, exit 1
 * in the CLI). Anything else is a real bug and propagates as it is.
 */
export async function whenDatabaseIsUp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionFailure(error)) throw new PersistenceUnavailableError(error);
    throw error;
  }
}
