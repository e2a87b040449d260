import { randomBytes } from 'node:crypto';
import { ServicesModeMismatchError } from '@polybot/intents';
import {
  AccountSnapshotRepository, createTestDatabase, IntentRepository, MarketRepository, newIntent, RiskCheckRepository, type TestDatabase,
} from '@polybot/persistence';
import { QueueName } from '@polybot/queues';
import { testMarket } from '@polybot/runtime';
import { CliContext } from './cli-context';
import { envWithMode } from './commands/mode.flags';

/**
 * `polyb0t intents approve` in a terminal beside `polyb0t run --live` in another: the approval's
 * risk re-check reads the ledger of the CLI's own mode, so it must be the running services' mode.
 */
const PASSED = { name: 'MIN_EDGE', passed: true, value: 0.065, limit: 0.02, message: 'edge 6.5% >= 2.0%' };

describe('CLI approval beside services running live (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const contexts: CliContext[] = [];

  const contextFor = (e: NodeJS.ProcessEnv) => {
    const ctx = new CliContext(e);
    contexts.push(ctx);
    return ctx;
  };

  async function seedPending(): Promise<string> {
    const now = Date.now();
    await new MarketRepository(db.dataSource).upsertMany([testMarket('m-1')]);
    const intent = await new IntentRepository(db.dataSource).createPending(
      newIntent({ createdAt: new Date(now), expiresAt: new Date(now + 600_000) }), [PASSED], { actor: 'test' });
    if (!intent) throw new Error('seed intent was not created');
    return intent.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { ...process.env, POLYBOT_DATABASE_URL: db.url, POLYBOT_QUEUE_PREFIX: `polybot-test-cli-${randomBytes(4).toString('hex')}` };
    // The developer's own settings must not decide the test: no POLYBOT_MODE is paper.
    delete env.POLYBOT_MODE;
    delete env.POLYBOT_DRY_RUN;
    await new AccountSnapshotRepository(db.dataSource).record({
      takenAt: new Date(), mode: 'live', bankroll: 10_000, cash: 10_000, equity: 10_000, positions: [], openOrders: [], balances: {}, unavailable: [],
    });
  });
  afterAll(async () => {
    const ctx = contexts[0];
    if (ctx) await ctx.queues().queue.queue(QueueName.ApprovedIntents).obliterate({ force: true }).catch(() => undefined);
    for (const c of contexts) await c.close();
    await db?.drop();
  });

  it('refuses to approve in paper mode, before any re-check is stored, naming the fix', async () => {
    const id = await seedPending();
    const service = await contextFor(env).intentService();
    const refused = service.approve(id, 'cli');
    await expect(refused).rejects.toBeInstanceOf(ServicesModeMismatchError);
    await expect(refused).rejects.toThrow(`cannot approve intent ${id}: the running services trade in live mode`);
    await expect(refused).rejects.toThrow('use --live or set POLYBOT_MODE=live');
    expect((await new IntentRepository(db.dataSource).findById(id))?.status).toBe('PENDING');
    expect(await new RiskCheckRepository(db.dataSource).forIntent(id, 'APPROVAL')).toEqual([]);
  });

  it('approves with --live, re-checking against the LIVE ledger the services use', async () => {
    const id = await seedPending();
    const ctx = contextFor(envWithMode(env, { live: true }));
    expect(ctx.settings.mode).toBe('live');
    const approved = await (await ctx.intentService()).approve(id, 'cli');
    expect(approved.status).toBe('APPROVED');
    expect((await new RiskCheckRepository(db.dataSource).forIntent(id, 'APPROVAL')).length).toBeGreaterThan(0);
  });
});
