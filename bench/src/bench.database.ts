import { Client, Pool } from 'pg';
import { initDatabase, parseDatabaseUrl } from '@polybot/persistence';

export interface BenchDatabase {
  readonly url: string;
  /** A pool: the latency bench looks up every proposed intent as it is heard, several at once. */
  readonly pool: Pool;
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
  const pool = new Pool({ host: target.host, port: target.port, user: target.user, password: target.password ?? undefined, database: name, max: 4 });
  return {
    url: url.toString(),
    pool,
    async drop(): Promise<void> {
      await pool.end().catch(() => undefined);
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
