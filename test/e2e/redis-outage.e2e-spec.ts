import { IntentRepository } from '@polybot/persistence';
import { OutageProxy } from './support/outage.proxy';
import { runCli, waitFor } from './support/processes';
import { injectMispricing, pendingIntentFor, startStack, type Stack } from './support/stack';

/**
 * Redis goes away mid-run and comes back: the services reconnect by themselves, and an approval
 * made while it was down (Postgres is the truth) is still executed, once, when it returns.
 */
describe('Redis outage (services as processes, Redis behind a proxy the test cuts)', () => {
  const redis = new OutageProxy({ host: '127.0.0.1', port: 6379 });
  let stack: Stack;
  let tokenId: string;

  beforeAll(async () => {
    await redis.up();
    stack = await startStack({
      mode: '--live',
      simulator: { seed: 5, events: 8, tickMs: 500 },
      env: { POLYBOT_REDIS_URL: `redis://127.0.0.1:${redis.port}`, POLYBOT_LOOP_INTERVAL_SECONDS: '2', POLYBOT_INTENT_EXPIRY_SECONDS: '120' },
      prepare: async (sim) => {
        tokenId = await injectMispricing(sim.url);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await redis.up().catch(() => undefined);
    expect(await stack?.stop()).toBe(0);
    await redis.down();
  }, 60_000);

  it('executes an approval made while Redis was down once Redis is back, with no service crashing', async () => {
    const pending = await pendingIntentFor(stack, tokenId);

    await redis.down();
    const approved = await runCli(['intents', 'approve', pending.id], stack.env);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain(`Approved intent ${pending.id}`);
    const intents = new IntentRepository(stack.db.dataSource);
    expect((await intents.findById(pending.id))?.status).toBe('APPROVED');
    // Nothing can execute it while the queue is unreachable.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await intents.findById(pending.id))?.status).toBe('APPROVED');

    await redis.up();
    const executed = await waitFor(
      'the approved intent to execute after Redis returns',
      async () => {
        const intent = await intents.findById(pending.id);
        return intent?.status === 'EXECUTED' ? intent : undefined;
      },
      30_000,
      stack.services.output,
    );
    expect(executed.executedAt).not.toBeNull();
    const rows = await stack.db.dataSource.query('SELECT count(*)::int AS n FROM execution_outcomes WHERE intent_id = $1', [pending.id]);
    expect(rows[0].n).toBe(1);
    // Every service rode out the outage in place: the supervisor restarted none of them.
    expect(stack.services.output()).not.toMatch(/exited \(/);
  }, 120_000);
});
