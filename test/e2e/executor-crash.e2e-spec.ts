import { readFileSync, readdirSync } from 'node:fs';
import { IntentRepository } from '@polybot/persistence';
import { waitFor } from './support/processes';
import { injectMispricing, pendingIntentFor, startStack, type IntentBody, type Stack } from './support/stack';

const TEST_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

/** The pid of this stack's executor: the process running the executor entry point with our queue prefix. */
function executorPid(queuePrefix: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes('dist/apps/executor/src/main.js')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`POLYBOT_QUEUE_PREFIX=${queuePrefix}`)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no executor process with queue prefix ${queuePrefix}`);
}

/** Waits for the restarted executor to bring the intent to its final status. */
function finished(intents: IntentRepository, id: string) {
  return waitFor(
    'the restarted executor to finish the intent',
    async () => {
      const intent = await intents.findById(id);
      return intent && ['EXECUTED', 'FAILED'].includes(intent.status) ? intent : undefined;
    },
    90_000,
  );
}

/**
 * The executor is killed (SIGKILL, no chance to clean up) after the venue accepted its order but
 * before it could record anything. Restarted, it reconciles with the venue: the intent ends
 * EXECUTED with exactly one order at the venue, never two.
 */
describe('executor killed mid-execution, live path against the simulator', () => {
  let stack: Stack;
  let tokenId: string;
  let secondTokenId: string;

  beforeAll(async () => {
    stack = await startStack({
      mode: '--live',
      // The simulator's default 1,000 of pUSD caps the bankroll: the second intent, sized before the
      // first test's order, must still fit its re-check after that order's spread was paid.
      simulator: { seed: 12, events: 6, tickMs: 0 },
      env: {
        POLYBOT_DRY_RUN: 'false',
        POLYBOT_CONFIRM_LIVE: 'yes',
        POLYBOT_POLYGON_PRIVATE_KEY: TEST_KEY,
        POLYBOT_LOOP_INTERVAL_SECONDS: '2',
        POLYBOT_INTENT_EXPIRY_SECONDS: '300',
        // Long enough that a request the simulator holds is still pending when the executor is killed.
        POLYBOT_HTTP_TIMEOUT_MS: '20000',
      },
      prepare: async (sim) => {
        tokenId = await injectMispricing(sim.url);
        secondTokenId = await injectMispricing(sim.url);
      },
    });
  }, 60_000);

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  }, 60_000);

  it('reconciles after a crash between the venue accepting the order and the executor recording it', async () => {
    const pending = await pendingIntentFor(stack, tokenId);
    // The venue takes the order and matches it, but never answers.
    const fault = await fetch(`${stack.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/clob/order', kind: 'accept-then-timeout' }),
    });
    expect(fault.status).toBeLessThan(300);
    expect((await stack.getJson<IntentBody>(`/intents/${pending.id}/approve`, { method: 'POST' })).status).toBe(200);

    const exchangeOrders = async () => (await (await fetch(`${stack.sim.url}/_sim/exchange-orders`)).json()) as unknown[];
    await waitFor('the venue to hold the order', async () => (await exchangeOrders()).length === 1, 30_000, stack.services.output);
    process.kill(executorPid(String(stack.env.POLYBOT_QUEUE_PREFIX)), 'SIGKILL');
    await fetch(`${stack.sim.url}/_sim/faults`, { method: 'DELETE' });

    const intents = new IntentRepository(stack.db.dataSource);
    const done = await finished(intents, pending.id);
    expect(done.status).toBe('EXECUTED');
    expect(await exchangeOrders()).toHaveLength(1);
    expect(stack.services.output()).toMatch(/executor exited \(SIGKILL\); restarting/);
    const outcomes = await stack.db.dataSource.query('SELECT status, order_id FROM execution_outcomes WHERE intent_id = $1', [pending.id]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].status).toMatch(/FILLED/);
  }, 180_000);

  it('posts exactly once after a crash before posting, and a crash after recording changes nothing', async () => {
    const pending = await pendingIntentFor(stack, secondTokenId);
    const exchangeOrders = async () => (await (await fetch(`${stack.sim.url}/_sim/exchange-orders`)).json()) as unknown[];
    const ordersBefore = (await exchangeOrders()).length;
    // The pre-flight balance check hangs: the executor is killed before it has signed or sent anything.
    await fetch(`${stack.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/clob/balance-allowance', kind: 'timeout' }),
    });
    const requests = async () => ((await (await fetch(`${stack.sim.url}/_sim/requests`)).json()) as Record<string, number>)['GET /clob/balance-allowance'] ?? 0;
    const checksBefore = await requests();
    expect((await stack.getJson<IntentBody>(`/intents/${pending.id}/approve`, { method: 'POST' })).status).toBe(200);
    await waitFor('the executor to be in its pre-flight', async () => (await requests()) > checksBefore, 30_000, stack.services.output);
    process.kill(executorPid(String(stack.env.POLYBOT_QUEUE_PREFIX)), 'SIGKILL');
    expect(await exchangeOrders()).toHaveLength(ordersBefore);
    await fetch(`${stack.sim.url}/_sim/faults`, { method: 'DELETE' });

    const intents = new IntentRepository(stack.db.dataSource);
    const done = await finished(intents, pending.id);
    expect(done.status).toBe('EXECUTED');
    expect(await exchangeOrders()).toHaveLength(ordersBefore + 1);

    // Killed again after everything was recorded: the restart finds nothing to redo.
    process.kill(executorPid(String(stack.env.POLYBOT_QUEUE_PREFIX)), 'SIGKILL');
    await waitFor('the executor to be back', async () => {
      try {
        return executorPid(String(stack.env.POLYBOT_QUEUE_PREFIX)) > 0 && stack.services.output().split('executor started').length > 3;
      } catch {
        return false;
      }
    }, 30_000, stack.services.output);
    await new Promise((resolve) => setTimeout(resolve, 6000)); // a reconciler pass
    expect(await exchangeOrders()).toHaveLength(ordersBefore + 1);
    expect((await intents.findById(pending.id))?.status).toBe('EXECUTED');
    const outcomes = await stack.db.dataSource.query('SELECT count(*)::int AS n FROM execution_outcomes WHERE intent_id = $1', [pending.id]);
    expect(outcomes[0].n).toBe(1);
  }, 240_000);
});
