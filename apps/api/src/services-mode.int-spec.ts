import { AccountSnapshotRepository, createTestDatabase, RiskCheckRepository, type TestDatabase } from '@polybot/persistence';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';

/**
 * An API started on its own reads POLYBOT_MODE itself, while `polyb0t run --live` sets the mode of
 * the services it starts only: the running services' mode comes from the risk service's snapshots.
 */
describe('API beside services running in another mode (real HTTP, Postgres and Redis)', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let accounts: AccountSnapshotRepository;

  const snapshot = (mode: string, takenAt = new Date()) =>
    accounts.record({
      takenAt, mode, bankroll: 10_000, cash: 10_000, equity: 10_000,
      positions: mode === 'live' ? [{ tokenId: 'w-1', conditionId: '0xc-w', outcome: 'Yes', outcomeIndex: 0, size: 10, avgPrice: 0.5, currentValue: 6, redeemable: false, negativeRisk: false }] : [],
      openOrders: [],
      balances: mode === 'live' ? { collateral: { balance: 99.5, allowances: {} } } : {},
      unavailable: mode === 'live' ? ['openOrders: CLOB GET /data/orders: HTTP 503'] : [],
    });
  const approve = (id: string) => call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' });

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_MODE: 'paper' });
    accounts = new AccountSnapshotRepository(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('refuses an approval with a 409 naming both modes, before any risk re-check is stored, while the services trade live', async () => {
    await snapshot('live');
    const id = await seedPending(api);
    const answer = await approve(id);
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      error: expect.stringMatching(new RegExp(`^cannot approve intent ${id}: the running services trade in live mode \\(account snapshot \\d+ s ago\\) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live$`)),
    });
    expect((await api.intents.findById(id))?.status).toBe('PENDING');
    expect(await new RiskCheckRepository(db.dataSource).forIntent(id, 'APPROVAL')).toEqual([]);
  });

  it('GET /status says so, and shows the live venue account beside the paper ledger', async () => {
    const answer = await call(api.baseUrl, '/status');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      mode: 'paper',
      services_mode: { configured: 'paper', running: 'live', warning: expect.stringContaining('use --live or set POLYBOT_MODE=live') },
      positions: [],
      venue_account: {
        not_read: null,
        collateral: { balance: 99.5, allowances: {} },
        positions: [{ token_id: 'w-1', outcome: 'Yes', size: 10, avg_price: 0.5, current_value: 6 }],
        open_orders: [],
        unavailable: [{ part: 'open_orders', reason: 'CLOB GET /data/orders: HTTP 503' }],
      },
    });
    expect(await call(api.baseUrl, '/report')).toMatchObject({ status: 200, body: { services_mode: { running: 'live', warning: expect.any(String) } } });
  });

  it('approves once the running services trade in its own mode, or none has been seen for minutes', async () => {
    await snapshot('paper');
    const id = await seedPending(api);
    expect(await approve(id)).toMatchObject({ status: 200, body: { status: 'APPROVED' } });
    expect(await call(api.baseUrl, '/status')).toMatchObject({
      body: { services_mode: { running: 'paper', warning: null }, venue_account: { not_read: expect.stringMatching(/^paper mode/) } },
    });

    await db.dataSource.query('DELETE FROM account_state_snapshots');
    await snapshot('live', new Date(Date.now() - 10 * 60_000));
    const later = await seedPending(api);
    expect(await approve(later)).toMatchObject({ status: 200, body: { status: 'APPROVED' } });
  });
});
