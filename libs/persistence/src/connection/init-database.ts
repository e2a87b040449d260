import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { describeDatabaseError } from './database-error';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url';

export interface InitDatabaseResult {
  readonly created: boolean;
  readonly migrationsRun: string[];
}

// Any constant works; it only has to be the same for every process that migrates this schema.
const MIGRATION_LOCK_KEY = 7_301_942_551;
const DUPLICATE_DATABASE = '42P04';
// Two CREATE DATABASE at once: the loser may hit pg_database's unique index instead of 42P04.
const UNIQUE_VIOLATION = '23505';

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function ensureDatabase(target: DatabaseTarget): Promise<boolean> {
  const admin = new Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password ?? undefined,
    database: 'postgres',
    connectionTimeoutMillis: 10_000,
  });
  // A refused connection also emits 'error'; without a listener that would crash the process.
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    throw describeDatabaseError('connecting', { ...target, database: 'postgres' }, error);
  }
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
    if (found.rowCount !== null && found.rowCount > 0) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdentifier(target.database)}`);
      return true;
    } catch (error) {
      const code = pgCode(error);
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  } catch (error) {
    throw describeDatabaseError(`creating database "${target.database}"`, target, error);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  // A session advisory lock on a connection of its own: a second process waits, then finds nothing pending.
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'all' });
      return ran.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}

/** Creates the database when missing, then runs pending migrations. Safe to run twice, or twice at once. */
export async function initDatabase(databaseUrl: string): Promise<InitDatabaseResult> {
  const target = parseDatabaseUrl(databaseUrl);
  const created = await ensureDatabase(target);
  const dataSource = createDataSource(databaseUrl, { poolSize: 2 });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw describeDatabaseError('connecting', target, error);
  }
  try {
    const migrationsRun = await runMigrationsLocked(dataSource);
    return { created, migrationsRun };
  } catch (error) {
    throw describeDatabaseError('running migrations', target, error);
  } finally {
    await dataSource.destroy().catch(() => undefined);
  }
}
