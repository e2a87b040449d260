import { randomBytes } from 'node:crypto';
import { loadSettings } from '@polybot/config';
import { createLogger } from '@polybot/observability';
import { AccountSnapshotRepository, createTestDatabase, IntentRepository, MarketRepository, newIntent, type TestDatabase } from '@polybot/persistence';
import { QueueName } from '@polybot/queues';
import { createQueueHandles, testMarket } from '@polybot/runtime';
import { runCli } from './support/processes';

/**
 * The spec's Quick Start: `polyb0t run --live` in one terminal, `polyb0t status` and
 * `polyb0t intents approve` in another, whose environment may still say paper. The running
 * services' mode is what the risk service's account snapshots record.
 */
describe('CLI commands beside services running live', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { ...process.env, POLYBOT_DATABASE_URL: db.url, POLYBOT_QUEUE_PREFIX: `polybot-e2e-${randomBytes(4).toString('hex')}` };
    delete env.POLYBOT_MODE;
    delete env.POLYBOT_DRY_RUN;
    await new AccountSnapshotRepository(db.dataSource).record({
      takenAt: new Date(), mode: 'live', bankroll: 10_000, cash: 10_000, equity: 10_000,
      positions: [{ tokenId: 'w-1', conditionId: '0xc-w', outcome: 'Yes', outcomeIndex: 0, size: 10, avgPrice: 0.5, currentValue: 6, redeemable: false, negativeRisk: false }],
      openOrders: [], balances: { collateral: { balance: 99.5, allowances: {} } }, unavailable: [],
    });
  }, 30_000);
  afterAll(async () => {
    // The approval's job, in this test's own queue prefix.
    const handles = createQueueHandles(loadSettings(env, { envFile: false }), createLogger({ service: 'test', level: 'silent' }));
    await handles.queue.queue(QueueName.ApprovedIntents).obliterate({ force: true }).catch(() => undefined);
    await handles.close();
    await db?.drop();
  });

  it('status and report warn first, naming both modes and the fix; with --live they do not', async () => {
    const status = await runCli(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^WARNING: the running services trade in live mode \(account snapshot \d+ s ago\) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live\nMode: +paper/);
    expect(status.stdout).toContain('Venue pUSD:     $99.50 balance');
    const live = await runCli(['status', '--live'], env);
    expect(live.stdout).toMatch(/^Mode: +live, dry run/);

    const report = await runCli(['report', '--json-output'], env);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain('polyb0t: WARNING: the running services trade in live mode');
    expect(JSON.parse(report.stdout)).toMatchObject({ ledger: 'PAPER', services_mode: { configured: 'paper', running: 'live' } });
    expect((await runCli(['report', '--paper', '--live'], env)).code).toBe(2);
  }, 60_000);

  it('intents approve refuses with exit 2 in paper mode, and approves with --live', async () => {
    await new MarketRepository(db.dataSource).upsertMany([testMarket('m-1')]);
    const intent = await new IntentRepository(db.dataSource).createPending(
      newIntent({ createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }),
      [{ name: 'MIN_EDGE', passed: true, value: 0.065, limit: 0.02, message: 'edge 6.5% >= 2.0%' }],
      { actor: 'test' },
    );
    const id = intent!.id;
    const refused = await runCli(['intents', 'approve', id.slice(0, 8)], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`polyb0t: cannot approve intent ${id}: the running services trade in live mode`);
    expect(refused.stderr).toContain('use --live or set POLYBOT_MODE=live');

    const approved = await runCli(['intents', 'approve', id.slice(0, 8), '--live'], env);
    expect(approved).toMatchObject({ code: 0, stdout: expect.stringContaining(`Approved intent ${id}`) });
  }, 60_000);
});
