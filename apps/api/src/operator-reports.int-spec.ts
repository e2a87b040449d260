import { KILL_SWITCH_NAMES } from '@polybot/domain';
import { createTestDatabase, FillRepository, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

const TOKEN = 'ops:test-token-0d41c7aa';
const SECRET = 'test-token-0d41c7aa';
const auth = { authorization: `Bearer ${SECRET}` };

describe('API kill switches, /report, /universe and the richer /status over real HTTP', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let switches: KillSwitchRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: TOKEN, POLYBOT_MODE: 'paper' });
    switches = new KillSwitchRepository(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('kill switches', () => {
    it('GET /kill-switches lists every switch, tripped or not', async () => {
      await switches.trip('API_ERRORS', 62.5, 50, 'venue error rate 62.5% >= 50%', 'risk', new Date('2026-11-27T05:00:00.000Z'));
      const answer = await call(api.baseUrl, '/kill-switches', { headers: auth });
      expect(answer.status).toBe(200);
      const list = answer.body as { name: string; tripped: boolean }[];
      expect(list.map((s) => [s.name, s.tripped])).toEqual(KILL_SWITCH_NAMES.map((name) => [name, name === 'API_ERRORS']));
      expect(list[2]).toEqual({
        name: 'API_ERRORS', tripped: true, tripped_at: '2026-11-27T05:00:00.000Z', value: 62.5, threshold: 50,
        reason: 'venue error rate 62.5% >= 50%', cleared_at: null, cleared_by: null,
      });
    });

    it('POST /kill-switches/:name/clear needs the bearer token', async () => {
      const answer = await call(api.baseUrl, '/kill-switches/API_ERRORS/clear', { method: 'POST' });
      expect(answer).toMatchObject({ status: 401, body: { error: expect.stringContaining('Authorization: Bearer') } });
      expect((await switches.tripped()).map((s) => s.name)).toEqual(['API_ERRORS']);
    });

    it('answers 400 naming the valid switches for an unknown name, 409 for one not tripped', async () => {
      const unknown = await call(api.baseUrl, '/kill-switches/NOPE/clear', { method: 'POST', headers: auth });
      expect(unknown).toMatchObject({ status: 400, body: { error: `unknown kill switch "NOPE": use one of ${KILL_SWITCH_NAMES.join(', ')}` } });
      const idle = await call(api.baseUrl, '/kill-switches/DRAWDOWN/clear', { method: 'POST', headers: auth });
      expect(idle).toMatchObject({ status: 409, body: { error: 'kill switch DRAWDOWN is not tripped: nothing to clear' } });
    });

    it('clears a tripped switch as actor "api:<token name>" and records the event', async () => {
      const answer = await call(api.baseUrl, '/kill-switches/API_ERRORS/clear', { method: 'POST', headers: auth });
      expect(answer).toMatchObject({ status: 200, body: { name: 'API_ERRORS', tripped: false, cleared_by: 'api:ops', cleared_at: expect.any(String) } });
      expect(await switches.tripped()).toEqual([]);
      const [event] = await switches.events(1);
      expect(event).toMatchObject({ name: 'API_ERRORS', action: 'CLEARED', actor: 'api:ops' });
      const again = await call(api.baseUrl, '/kill-switches/API_ERRORS/clear', { method: 'POST', headers: auth });
      expect(again.status).toBe(409);
    });
  });

  describe('with a paper position', () => {
    const yesterday = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 86_400_000);
    const atYesterday = (hours: number) => new Date(yesterday.getTime() + hours * 3_600_000);

    beforeAll(async () => {
      const intentId = await seedPending(api, { marketId: 'm-1', createdAt: atYesterday(1), expiresAt: new Date(Date.now() + 600_000) });
      // After seedPending, which stores its own quote for the market.
      await api.markets.upsertMany([testMarket('m-1', { yesBid: 0.55, yesAsk: 0.57, category: 'Politics' })]);
      await api.intents.transition(intentId, 'Reject', { now: atYesterday(1), actor: 'test' });
      await new FillRepository(db.dataSource).recordMany('PAPER', [
        { intentId, kind: 'TRADE', tokenId: 'm-1-yes', marketId: 'm-1', conditionId: '0xcond-m-1', outcome: 'Yes', category: 'Politics', side: 'BUY', price: 0.4, shares: 100, feeUsd: 0.5, at: atYesterday(2) },
        { intentId, kind: 'TRADE', tokenId: 'm-1-yes', marketId: 'm-1', conditionId: '0xcond-m-1', outcome: 'Yes', category: 'Politics', side: 'SELL', price: 0.5, shares: 50, feeUsd: 0.25, at: atYesterday(3) },
      ]);
    });

    it('GET /status adds equity, positions with P&L, exposure vs limits and every kill switch', async () => {
      const answer = await call(api.baseUrl, '/status', { headers: auth });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        mode: 'paper',
        // 10000 - 40.50 + 24.75, plus 50 x 0.55.
        cash: 9984.25,
        equity: 10011.75,
        realized_pnl: 4.5,
        unrealized_pnl: 7.5,
        positions: [{ token_id: 'm-1-yes', market_id: 'm-1', shares: 50, avg_price: 0.4, mark: 0.55, market_value: 27.5, unrealized_pnl: 7.5, pnl_pct: 37.5 }],
        exposure: {
          total: { usd: 20, limit_usd: 2000 },
          by_market: [{ market_id: 'm-1', usd: 20, limit_usd: 1000 }],
          by_category: [{ category: 'Politics', usd: 20, limit_usd: 1000 }],
        },
        markets: { data_age_seconds: expect.any(Number) },
        signals_last_hour: { proposed: 0, denied: 0, duplicate: 0, denied_by: [] },
      });
      expect((answer.body as { kill_switches: unknown[] }).kill_switches).toHaveLength(KILL_SWITCH_NAMES.length);
    });

    it('GET /report covers the asked window; the default is today UTC', async () => {
      const since = yesterday.toISOString();
      const until = new Date(yesterday.getTime() + 86_400_000).toISOString();
      const answer = await call(api.baseUrl, `/report?since=${since}&until=${until}`, { headers: auth });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        since, until, ledger: 'PAPER',
        intents: { created: 1, by_type: { OPEN_POSITION: 1 }, by_status: { REJECTED: 1 } },
        decisions: { approved: 0, rejected: 1, expired: 0, approval_latency: null },
        fills: { count: 2, shares: 150, notional_usd: 65, fees_usd: 0.75 },
        fees_usd: 0.75,
        realized_pnl: 4.5,
        unrealized_pnl: 7.5,
      });
      const today = await call(api.baseUrl, '/report', { headers: auth });
      expect(today.status).toBe(200);
      expect(today.body).toMatchObject({ since: until, fills: { count: 0 }, realized_pnl: 0, unrealized_pnl: 7.5 });
    });

    it('GET /report answers 400 for a bad date, an empty window or an unknown parameter', async () => {
      expect(await call(api.baseUrl, '/report?since=yesterday', { headers: auth })).toMatchObject({ status: 400, body: { error: expect.stringContaining('since must be an ISO-8601 date') } });
      expect(await call(api.baseUrl, '/report?since=2026-11-27&until=2026-11-26', { headers: auth })).toMatchObject({ status: 400, body: { error: expect.stringContaining('must be before until') } });
      expect(await call(api.baseUrl, '/report?from=2026-11-27', { headers: auth })).toMatchObject({ status: 400, body: { error: 'unknown parameter "from"' } });
    });

    it('GET /universe judges the stored open markets with the configured filters', async () => {
      const answer = await call(api.baseUrl, '/universe', { headers: auth });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ total: 1, tradable: 1, excluded_by: { MIN_LIQUIDITY: 0 }, top_markets: [{ market_id: 'm-1', liquidity_usd: 50_000 }] });
    });
  });
});
