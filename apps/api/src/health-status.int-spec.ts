import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

const TOKEN = 'test-token-5b9f0c1e';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('API /health, /status and the bearer token over real HTTP', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let sim: RunningSimulator;

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, events: 2 });
    api = await startApi(db, { POLYBOT_API_TOKEN: TOKEN, POLYBOT_CLOB_API_URL: sim.clobUrl });
  });

  afterAll(async () => {
    await api?.close();
    await sim?.close();
    await db?.drop();
  });

  it('reports healthy when Postgres, Redis and the venue answer', async () => {
    const health = await call(api.baseUrl, '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok', venue: 'ok' } });
  });

  it('reports an unreachable venue without calling the API unhealthy', async () => {
    sim.addFault({ route: '/clob/time', kind: 'status', status: 503, times: 1 });
    const health = await call(api.baseUrl, '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok', venue: 'error: the CLOB answered HTTP 503' } });
  });

  it('reports mode, intents by status, queue depths, data age and masked settings', async () => {
    const first = await seedPending(api);
    await seedPending(api);
    await api.intents.transition(first, 'Reject', { now: new Date(), actor: 'test' });

    const before = await call(api.baseUrl, '/status', { headers: auth });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      mode: 'paper',
      dry_run: true,
      places_real_orders: false,
      bankroll: 10000,
      intents: { PENDING: 1, REJECTED: 1, APPROVED: 0, EXPIRED: 0 },
      // The seeded intent's market, stored a moment ago.
      markets: { known: 1, newest_update: expect.any(String), data_age_seconds: expect.any(Number) },
      queues: { 'approved-intents': { waiting: 0, active: 0, delayed: 0, failed: 0 } },
      settings: { POLYBOT_MODE: 'paper', POLYBOT_API_TOKEN: '***' },
    });
    expect(before.text).not.toContain(TOKEN);

    // The venue went quiet 90 s ago: the newest market data is that old.
    await db.dataSource.query(`UPDATE markets SET updated_at = now() - interval '90 seconds'`);
    const after = (await call(api.baseUrl, '/status', { headers: auth })).body as { markets: { known: number; data_age_seconds: number } };
    expect(after.markets.known).toBe(1);
    expect(after.markets.data_age_seconds).toBeGreaterThanOrEqual(90);
    expect(after.markets.data_age_seconds).toBeLessThan(3600);
  });

  it('needs the bearer token to read, approve or reject when POLYBOT_API_TOKEN is set (a bare secret records api:operator)', async () => {
    const id = await seedPending(api);
    const missing = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' });
    expect(missing).toMatchObject({ status: 401, body: { error: expect.stringContaining('Authorization: Bearer') } });
    const wrong = await call(api.baseUrl, `/intents/${id}/reject`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(TOKEN);
    expect((await api.intents.findById(id))?.status).toBe('PENDING');

    expect((await call(api.baseUrl, `/intents/${id}`)).status).toBe(401);
    expect((await call(api.baseUrl, `/intents/${id}`, { headers: auth })).status).toBe(200);
    const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(approved).toMatchObject({ status: 200, body: { id, status: 'APPROVED', decided_by: 'api:operator' } });
  });
});

describe('API when Redis is down', () => {
  let db: TestDatabase;
  let api: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Nothing listens on port 1: every Redis command is refused.
    api = await startApi(db, { POLYBOT_REDIS_URL: 'redis://127.0.0.1:1' });
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('reports degraded with 503 and names Redis', async () => {
    const health = await call(api.baseUrl, '/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', checks: { postgres: 'ok', redis: expect.stringMatching(/^error: .+/), venue: expect.any(String) } });
  });

  it('still gives the status, with the queue part saying Redis did not answer', async () => {
    const status = await call(api.baseUrl, '/status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ mode: 'paper', queues: { error: expect.stringContaining('queues unavailable') }, intents: { PENDING: 0 } });
  });

  it('still approves: the decision is committed and the executor reconciler queues it later', async () => {
    const id = await seedPending(api);
    const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' });
    expect(approved).toMatchObject({ status: 200, body: { id, status: 'APPROVED' } });
    expect(api.logLines.some((line) => line.includes('Approved intent not queued now'))).toBe(true);
  });
});

describe('API when Postgres is gone', () => {
  it('reports degraded with 503 and names Postgres', async () => {
    const db = await createTestDatabase();
    const api = await startApi(db);
    try {
      await db.drop();
      const health = await call(api.baseUrl, '/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'degraded', checks: { postgres: expect.stringMatching(/^error: .+/), redis: 'ok', venue: expect.any(String) } });
    } finally {
      await api.close();
    }
  });
});
