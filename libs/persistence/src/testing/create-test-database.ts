import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../connection/data-source.factory';
import { parseDatabaseUrl, withDatabase } from '../connection/database-url';
import { initDatabase } from '../connection/init-database';

export interface TestDatabase {
  readonly url: string;
  /** Already initialized, on a fully migrated schema. */
  readonly dataSource: DataSource;
  /** Closes the DataSource and drops the database (even with connections still open). */
  drop(): Promise<void>;
}

/** The server tests use; override with POLYBOT_TEST_DATABASE_URL (any database name: it is replaced). */
export function testServerUrl(): string {
  return process.env['POLYBOT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh, migrated database `polybot_test_<random>` of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `polybot_test_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(testServerUrl(), name);
  await initDatabase(url);
  const dataSource = await createDataSource(url).initialize();
  return {
    url,
    dataSource,
    async drop(): Promise<void> {
      if (dataSource.isInitialized) await dataSource.destroy();
      const target = parseDatabaseUrl(url);
      const admin = new Client({ host: target.host, port: target.port, user: target.user, password: target.password ?? undefined, database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
