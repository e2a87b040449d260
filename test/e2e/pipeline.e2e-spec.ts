import { ExecutionRepository, IntentRepository } from '@polybot/persistence';
import { runCli, waitFor } from './support/processes';
import { startStack, type IntentBody, type Stack } from './support/stack';

const LOOP_SECONDS = 2;
/** Credentials planted in the environment: none may surface in a log line, a response or a stored row. */
const PLANTED = {
  POLYBOT_POLYGON_PRIVATE_KEY: `0x${'5eC7'.repeat(16)}`,
  POLYBOT_CLOB_API_KEY: 'planted-api-key-9f3c2e1a',
  POLYBOT_CLOB_API_SECRET: 'cGxhbnRlZC1zZWNyZXQtZm9yLXRlc3Rz',
  POLYBOT_CLOB_PASSPHRASE: 'planted-passphrase-77a1',
};
const EXPIRY_SECONDS = 20;

/**
 * The whole system as a user runs it: the simulator and every service as separate processes,
 * decisions made through the CLI and the API, Postgres and Redis real.
 */
describe('pipeline end to end (simulator + services as processes)', () => {
  let stack: Stack;
  let scenarios: { expected: { tokenId: string; fair: number; ask: number; edge: number } }[];
  let repo: IntentRepository;

  beforeAll(async () => {
    scenarios = [];
    stack = await startStack({
      mode: '--live',
      simulator: { seed: 7, events: 12, tickMs: 500 },
      env: { POLYBOT_LOOP_INTERVAL_SECONDS: String(LOOP_SECONDS), POLYBOT_INTENT_EXPIRY_SECONDS: String(EXPIRY_SECONDS), ...PLANTED },
      prepare: async (sim) => {
        for (let i = 0; i < 3; i += 1) {
          const response = await fetch(`${sim.url}/_sim/scenario/mispricing`, { method: 'POST' });
          scenarios.push((await response.json()) as (typeof scenarios)[number]);
        }
      },
    });
    repo = new IntentRepository(stack.db.dataSource);
  }, 60_000);

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  }, 60_000);

  it('proposes, executes in dry run, rejects and expires intents as a person decides', async () => {
    const wanted = scenarios.map((s) => s.expected.tokenId);

    // A neg-risk mispricing becomes a PENDING intent within two cycles of the first one.
    const firstCycle = await waitFor('the first ingest cycle', async () => stack.services.output().includes('Ingest cycle done'), 30_000, stack.services.output);
    expect(firstCycle).toBe(true);
    const pending = await waitFor(
      'three PENDING intents through the API',
      async () => {
        const { body } = await stack.getJson<IntentBody[]>('/intents?status=PENDING');
        const mine = body.filter((intent) => wanted.includes(intent.token_id));
        return mine.length === 3 ? mine : undefined;
      },
      2 * LOOP_SECONDS * 1000 + 3000,
      stack.services.output,
    );
    for (const intent of pending) expect(intent.edge).toBeCloseTo(0.09, 6);
    const stored = await repo.list({ status: 'PENDING' });
    expect(stored.map((i) => i.tokenId).sort()).toEqual([...wanted].sort());

    const [toApprove, toReject, toLeave] = wanted.map((token) => pending.find((intent) => intent.token_id === token)!);

    // Approved through the CLI (by an 8-character prefix), it is executed in dry run: the order is recorded, never sent.
    const approved = await runCli(['intents', 'approve', toApprove.id.slice(0, 8)], stack.env);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain(`Approved intent ${toApprove.id}`);
    const executed = await waitFor(
      'the approved intent to be EXECUTED',
      async () => {
        const { body } = await stack.getJson<IntentBody>(`/intents/${toApprove.id}`);
        return body.status === 'EXECUTED' ? body : undefined;
      },
      15_000,
      stack.services.output,
    );
    expect(executed.execution).toMatchObject({ mode: 'DRY_RUN', status: 'DRY_RUN', order: { tokenId: toApprove.token_id, price: 0.41 } });
    expect((await new ExecutionRepository(stack.db.dataSource).findByIntent(toApprove.id))?.mode).toBe('DRY_RUN');
    const orders = (await (await fetch(`${stack.sim.url}/_sim/orders`)).json()) as unknown[];
    expect(orders).toEqual([]);

    // Rejected through the API.
    const rejected = await stack.getJson<IntentBody>(`/intents/${toReject.id}/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'not today' }),
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('REJECTED');
    expect((await repo.findById(toReject.id))?.status).toBe('REJECTED');

    // Left alone, it expires by itself; approving it then fails with a message saying so.
    const expired = await waitFor(
      'the untouched intent to expire',
      async () => {
        const intent = await repo.findById(toLeave.id);
        return intent?.status === 'EXPIRED' ? intent : undefined;
      },
      (EXPIRY_SECONDS + 10) * 1000,
      stack.services.output,
    );
    expect(expired.decidedAt!.getTime() - expired.expiresAt.getTime()).toBeLessThan(1000);
    const late = await runCli(['intents', 'approve', toLeave.id], stack.env);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`cannot approve intent ${toLeave.id}: it is EXPIRED, not PENDING`);

    // Nothing ever reached the venue's order endpoint.
    expect((await (await fetch(`${stack.sim.url}/_sim/orders`)).json()) as unknown[]).toEqual([]);

    // The planted credentials are nowhere: not in any service's log, any CLI or API answer, any row.
    const status = await runCli(['status', '--json-output'], stack.env);
    const apiStatus = await fetch(`${stack.api}/status`).then((r) => r.text());
    const tables: { table_name: string }[] = await stack.db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const rows = await Promise.all(tables.map(({ table_name }) => stack.db.dataSource.query(`SELECT t::text AS row FROM "${table_name}" t`)));
    const everything = [stack.services.output(), approved.stdout, approved.stderr, late.stderr, status.stdout, status.stderr, apiStatus, JSON.stringify(rows)].join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    for (const [name, value] of Object.entries(PLANTED)) {
      expect({ name, found: everything.includes(value) }).toEqual({ name, found: false });
    }
  }, 120_000);
});
