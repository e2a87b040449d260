import { IntentRepository } from '@polybot/persistence';
import { OutageProxy } from './support/outage.proxy';
import { runCli, waitFor } from './support/processes';
import { injectMispricing, pendingIntentFor, startStack, type IntentBody, type Stack } from './support/stack';

/**
 * Postgres goes away and comes back: no crash loop, approvals fail with a clear error while it is
 * down (nothing half-written), and everything works again once it returns.
 */
describe('Postgres outage (services as processes, Postgres behind a proxy the test cuts)', () => {
  const postgres = new OutageProxy({ host: '127.0.0.1', port: 5432 });
  let stack: Stack;
  let tokenId: string;

  beforeAll(async () => {
    await postgres.up();
    stack = await startStack({
      mode: '--live',
      simulator: { seed: 6, events: 8, tickMs: 500 },
      env: ({ databaseUrl }) => {
        const url = new URL(databaseUrl);
        url.port = String(postgres.port);
        return { POLYBOT_DATABASE_URL: url.toString(), POLYBOT_LOOP_INTERVAL_SECONDS: '2', POLYBOT_INTENT_EXPIRY_SECONDS: '120' };
      },
      prepare: async (sim) => {
        tokenId = await injectMispricing(sim.url);
      },
    });
  }, 60_000);

  afterAll(async () => {
    await postgres.up().catch(() => undefined);
    expect(await stack?.stop()).toBe(0);
    await postgres.down();
  }, 60_000);

  it('refuses approvals clearly while Postgres is down, without crash-looping, and recovers', async () => {
    const pending = await pendingIntentFor(stack, tokenId);

    await postgres.down();
    const viaCli = await runCli(['intents', 'approve', pending.id], stack.env);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stderr).toMatch(/database/i);
    const viaApi = await stack.getJson<{ error: string }>(`/intents/${pending.id}/approve`, { method: 'POST' });
    expect(viaApi.status).toBe(503);
    expect(viaApi.body.error).toMatch(/database is unavailable/);
    // Long enough for several ingest cycles and expiry sweeps to hit the dead database.
    await new Promise((resolve) => setTimeout(resolve, 6000));

    await postgres.up();
    const intents = new IntentRepository(stack.db.dataSource);
    expect((await intents.findById(pending.id))?.status).toBe('PENDING');
    const approved = await waitFor('the API to approve again', async () => {
      const answer = await stack.getJson<IntentBody>(`/intents/${pending.id}/approve`, { method: 'POST' });
      return answer.status === 200 ? answer.body : undefined;
    }, 20_000, stack.services.output);
    expect(approved.status).toBe('APPROVED');
    await waitFor('the approved intent to execute', async () => (await intents.findById(pending.id))?.status === 'EXECUTED', 20_000, stack.services.output);
    expect(stack.services.output()).not.toMatch(/exited \(/);
  }, 120_000);
});
