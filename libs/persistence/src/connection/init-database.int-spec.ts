import { createServer } from 'node:net';
import { Client } from 'pg';
import { initDatabase } from './init-database';
import { MIGRATIONS } from '../migrations';
import { withDatabase } from './database-url';
import { testServerUrl } from '../testing';
import { randomBytes } from 'node:crypto';

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

describe('initDatabase', () => {
  const names: string[] = [];
  const freshUrl = (): string => {
    const name = `polybot_test_${randomBytes(6).toString('hex')}`;
    names.push(name);
    return withDatabase(testServerUrl(), name);
  };

  afterAll(async () => {
    for (const name of names) await dropDatabase(name);
  });

  it('creates the database and runs the migration once; a second run does nothing', async () => {
    const url = freshUrl();
    const first = await initDatabase(url);
    expect(first).toEqual({ created: true, migrationsRun: MIGRATIONS.map((m) => m.name) });
    const second = await initDatabase(url);
    expect(second).toEqual({ created: false, migrationsRun: [] });
  });

  it('survives several processes initializing the same new database at once', async () => {
    const url = freshUrl();
    const results = await Promise.all([initDatabase(url), initDatabase(url), initDatabase(url), initDatabase(url)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.flatMap((r) => r.migrationsRun)).toEqual(MIGRATIONS.map((m) => m.name));
    const db = new Client({ connectionString: url });
    await db.connect();
    const tables = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [['markets', 'signals', 'intents', 'risk_check_results', 'kill_switches', 'kill_switch_events',
        'account_state_snapshots', 'execution_outcomes', 'venue_calls', 'audit_log', 'fills']],
    );
    await db.end();
    expect(Number(tables.rows[0].n)).toBe(11);
  });

  it('names the unreachable server and never prints the password', async () => {
    const port = await closedPort();
    const url = `postgres://trader:Sup3r-S3cret%21@127.0.0.1:${port}/polybot`;
    const error = await initDatabase(url).then(() => null, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe(`cannot reach PostgreSQL at 127.0.0.1:${port}: ECONNREFUSED`);
    expect(error!.message).not.toContain('Sup3r');
    expect(String(error!.stack)).not.toContain('Sup3r');
  });

  it('rejects a malformed URL without echoing it', async () => {
    await expect(initDatabase('not a url with p4ssword')).rejects.toThrow(/invalid database URL: expected postgres:\/\//);
    await expect(initDatabase('not a url with p4ssword')).rejects.not.toThrow(/p4ssword/);
    await expect(initDatabase('mysql://u:p4ssword@127.0.0.1/x')).rejects.toThrow('scheme must be postgres:// or postgresql://, got mysql://');
  });
});
