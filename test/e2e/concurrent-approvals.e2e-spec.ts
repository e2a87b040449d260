import { IntentRepository } from '@polybot/persistence';
import { runCli, waitFor } from './support/processes';
import { injectMispricing, pendingIntentFor, startStack, type Stack } from './support/stack';

const API_APPROVALS = 80;
const CLI_APPROVALS = 20;

/**
 * 100 people press Approve on the same intent at once, through the API and the CLI: exactly one
 * approval wins, the others are told its real status, and exactly one execution follows.
 */
describe('100 concurrent approvals of one intent (API and CLI mixed)', () => {
  let stack: Stack;
  let tokenId: string;

  beforeAll(async () => {
    stack = await startStack({
      mode: '--live',
      simulator: { seed: 9, events: 6, tickMs: 500 },
      env: { POLYBOT_LOOP_INTERVAL_SECONDS: '2', POLYBOT_INTENT_EXPIRY_SECONDS: '120' },
      prepare: async (sim) => {
        tokenId = await injectMispricing(sim.url);
      },
    });
  }, 60_000);

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  }, 60_000);

  it('has exactly one winner and one execution', async () => {
    const pending = await pendingIntentFor(stack, tokenId);

    const viaApi = Array.from({ length: API_APPROVALS }, () => stack.getJson<{ status?: string; error?: string }>(`/intents/${pending.id}/approve`, { method: 'POST' }));
    const viaCli = Array.from({ length: CLI_APPROVALS }, () => runCli(['intents', 'approve', pending.id], stack.env));
    const [apiAnswers, cliAnswers] = await Promise.all([Promise.all(viaApi), Promise.all(viaCli)]);

    const apiWins = apiAnswers.filter((a) => a.status === 200);
    const cliWins = cliAnswers.filter((a) => a.code === 0);
    expect(apiWins.length + cliWins.length).toBe(1);
    for (const loser of apiAnswers.filter((a) => a.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(loser.body.error).toMatch(/it is (APPROVED|EXECUTING|EXECUTED), not PENDING/);
    }
    for (const loser of cliAnswers.filter((a) => a.code !== 0)) {
      expect({ code: loser.code, stderr: loser.stderr, stdout: loser.stdout }).toEqual({
        code: 1,
        stderr: expect.stringMatching(/it is (APPROVED|EXECUTING|EXECUTED), not PENDING/),
        stdout: '',
      });
    }

    const intents = new IntentRepository(stack.db.dataSource);
    await waitFor('the execution', async () => (await intents.findById(pending.id))?.status === 'EXECUTED', 20_000, stack.services.output);
    const outcomes = await stack.db.dataSource.query('SELECT count(*)::int AS n FROM execution_outcomes WHERE intent_id = $1', [pending.id]);
    expect(outcomes[0].n).toBe(1);
    const approvals = await stack.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'IntentApproved'`, [pending.id]);
    expect(approvals[0].n).toBe(1);
  }, 120_000);
});
