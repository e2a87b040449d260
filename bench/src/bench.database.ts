import { Client } from 'pg';
import { initDatabase, parseDatabaseUrl } from '@polybot/persistence';

export interface BenchDatabase {
  readonly url: string;
  readonly client: Client;
  drop(): Promise<void>;
}

function serverUrl(): string {
  return process.env['POLYBOT_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A fresh, migrated `polybot_bench_<ts>` database for one size; dropped afterwards. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `polybot_bench_${Date.now()}`;
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  await initDatabase(url.toString());
  const target = parseDatabaseUrl(url.toString());
  const connect = (database: string): Client =>
    new Client({ host: target.host, port: target.port, user: target.user, password: target.password ?? undefined, database });
  const client = connect(name);
  await client.connect();
  return {
    url: url.toString(),
    client,
    async drop(): Promise<void> {
      await client.end().catch(() => undefined);
      const admin = connect('postgres');
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
