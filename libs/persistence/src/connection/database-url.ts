/** What we know about a PostgreSQL URL, with the password kept apart so it never reaches a message. */
export interface DatabaseTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string | null;
}

export class InvalidDatabaseUrlError extends Error {
  constructor(reason: string) {
    super(`invalid database URL: ${reason}`);
    this.name = 'InvalidDatabaseUrlError';
  }
}

export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // The raw string may hold a password: name the expected shape, not the input.
    throw new InvalidDatabaseUrlError('expected postgres://user[:password]@host[:port]/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InvalidDatabaseUrlError(`scheme must be postgres:// or postgresql://, got ${url.protocol}//`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') throw new InvalidDatabaseUrlError('no database name after the host');
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port === '' ? 5432 : Number(url.port),
    database,
    user: decodeURIComponent(url.username) || 'postgres',
    password: url.password === '' ? null : decodeURIComponent(url.password),
  };
}

/** The same server, another database: used to reach `postgres` for CREATE DATABASE. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** host:port/database, for messages. */
export function describeTarget(target: DatabaseTarget): string {
  return `${target.host}:${target.port}/${target.database}`;
}

/** Removes the password (raw and URL-encoded) from any text that might echo it. */
export function redactPassword(text: string, target: DatabaseTarget): string {
  if (target.password === null || target.password === '') return text;
  const secrets = [target.password, encodeURIComponent(target.password)];
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
