import { randomUUID } from 'node:crypto';
import { createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import type { RecentActivity } from './recent-activity.service';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

const SECRET = 'metrics-test-secret';
const auth = { authorization: `Bearer ${SECRET}` };

describe('API GET /metrics: Prometheus text, or recent activity as JSON', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let approvedId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: `ops:${SECRET}` });
    approvedId = await seedPending(api);
    expect((await call(api.baseUrl, `/intents/${approvedId}/approve`, { method: 'POST', headers: auth })).status).toBe(200);
    await db.dataSource.query(
      `INSERT INTO execution_outcomes (id, intent_id, mode, status, order_request, filled_size, avg_price, fees)
       VALUES ($1, $2, 'PAPER', 'FILLED', '{}'::jsonb, 357.14, 0.42, 0)`,
      [randomUUID(), approvedId],
    );
    for (const [cycle, decision, minutesAgo] of [['cycle-a', 'PROPOSED', 3], ['cycle-a', 'DENIED', 3], ['cycle-b', 'DUPLICATE', 1]] as const) {
      await db.dataSource.query(
        `INSERT INTO signals (id, cycle_id, strategy, market_id, condition_id, token_id, outcome, side, model_prob, market_price, edge, confidence, reason, decision, created_at)
         VALUES ($1, $2, 'neg-risk-consistency', 'm-1', '0xc', 't-1', 'Yes', 'BUY', 0.5, 0.42, 0.08, 0.8, 'test', $3, now() - make_interval(mins => $4))`,
        [randomUUID(), cycle, decision, minutesAgo],
      );
    }
    await db.dataSource.query(`INSERT INTO account_state_snapshots (taken_at, mode, equity, cash) VALUES (now(), 'paper', 10012.5, 9650)`);
    await new KillSwitchRepository(db.dataSource).trip('STALE_DATA', 120, 60, 'data 120 s old', 'risk', new Date());
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers the Prometheus exposition of the api registry by default, without a token', async () => {
    const response = await fetch(`${api.baseUrl}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE polybot_intents_total counter');
    // The approval above went through this process's IntentService.
    expect(text).toMatch(/polybot_intents_total\{[^}]*status="APPROVED"[^}]*\} 1/);
  });

  it('answers recent activity with Accept: application/json', async () => {
    const answer = await call(api.baseUrl, '/metrics', { headers: { accept: 'application/json' } });
    expect(answer.status).toBe(200);
    const activity = answer.body as RecentActivity;
    expect(activity.signal_cycles).toEqual([
      { cycle_id: 'cycle-b', signals: 1, proposed: 0, first_at: expect.any(String), last_at: expect.any(String) },
      { cycle_id: 'cycle-a', signals: 2, proposed: 1, first_at: expect.any(String), last_at: expect.any(String) },
    ]);
    expect(activity.market_data).toMatchObject({ known: 1, updated_last_5m: 1, newest_update: expect.any(String) });
    expect(activity.account_snapshots).toEqual([{ taken_at: expect.any(String), mode: 'paper', equity: 10012.5, cash: 9650 }]);
    expect(activity.intents.map((i) => [i.id, i.status])).toEqual([[approvedId, 'APPROVED']]);
    expect(activity.intents[0].execution).toMatchObject({ mode: 'PAPER', status: 'FILLED' });
    expect(activity.executions).toEqual([expect.objectContaining({ intent_id: approvedId, mode: 'PAPER', status: 'FILLED', filled_size: 357.14, avg_price: 0.42 })]);
    expect(activity.kill_switch_events).toEqual([expect.objectContaining({ name: 'STALE_DATA', action: 'TRIPPED', value: 120, threshold: 60, actor: 'risk' })]);
  });

  it('refuses a wrong token even on this open route', async () => {
    expect((await call(api.baseUrl, '/metrics', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
