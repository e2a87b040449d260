import { resolve } from 'node:path';
import { createTestDatabase } from '@polybot/persistence';
import { ROOT, runCli, startProcess } from './support/processes';

const LIVE = {
  POLYBOT_MODE: 'live',
  POLYBOT_DRY_RUN: 'false',
  POLYBOT_POLYGON_PRIVATE_KEY: `0x${'ab'.repeat(32)}`,
  POLYBOT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/polybot_never_created',
};

/** Placing real orders needs a person's confirmation at start; without it nothing starts. */
describe('live execution asks for confirmation at start', () => {
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env, ...LIVE, ...extra };
    delete base.POLYBOT_CONFIRM_LIVE;
    return base;
  };

  it('`polyb0t run --live` with dry run off and no terminal refuses, saying how to confirm', async () => {
    const result = await runCli(['run', '--live'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('POLYBOT_DRY_RUN=false would place real orders: set POLYBOT_CONFIRM_LIVE=yes');
  }, 30_000);

  it('a service started alone refuses too, and so does a confirmation that is not exactly "yes"', async () => {
    const executor = startProcess([resolve(ROOT, 'dist/apps/executor/src/main.js')], env());
    expect(await executor.exited).toBe(2);
    expect(executor.output()).toContain('set POLYBOT_CONFIRM_LIVE=yes to confirm an unattended start');

    const sloppy = startProcess([resolve(ROOT, 'dist/apps/executor/src/main.js')], env({ POLYBOT_CONFIRM_LIVE: 'true' }));
    expect(await sloppy.exited).toBe(2);
    expect(sloppy.output()).toContain('POLYBOT_CONFIRM_LIVE');
  }, 30_000);

  it('dry run stays the default: with no execution settings at all, status says no order is sent', async () => {
    const db = await createTestDatabase();
    try {
      const result = await runCli(['status', '--json-output'], { ...process.env, POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'live' });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'live', dry_run: true, places_real_orders: false });
    } finally {
      await db.drop();
    }
  }, 30_000);
});
