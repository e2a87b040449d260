import type { Fill } from '@polybot/domain';
import { AccountSnapshotRepository } from '../account/account-snapshot.repository';
import { ExecutionRepository } from '../executions/execution.repository';
import { IntentRepository } from '../intents/intent.repository';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { newIntent, PASSING_CHECKS, secondsAfter, T0 } from '../testing/intent.fixture';
import { FillRepository } from './fill.repository';

describe('FillRepository, equity curve and order counts (real Postgres)', () => {
  let db: TestDatabase;
  let fills: FillRepository;
  let intentId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    fills = new FillRepository(db.dataSource);
    const intent = await new IntentRepository(db.dataSource).createPending(newIntent(), PASSING_CHECKS, { actor: 'test' });
    intentId = intent!.id;
  });
  afterAll(() => db.drop());

  const fill = (overrides: Partial<Fill> = {}): Fill => ({
    intentId, kind: 'TRADE', tokenId: 't1', marketId: 'm1', conditionId: '0xc', outcome: 'Yes', category: 'Politics',
    side: 'BUY', price: 0.41, shares: 100, feeUsd: 1.68, at: secondsAfter(T0, 1), ...overrides,
  });

  it('stores a batch in one statement and returns it per mode, oldest first', async () => {
    await fills.recordMany('PAPER', [fill({ at: secondsAfter(T0, 2), price: 0.42, shares: 50 }), fill()]);
    await fills.recordMany('LIVE', [fill({ shares: 7 })]);
    const paper = await fills.all('PAPER');
    expect(paper.map((f) => [f.price, f.shares])).toEqual([[0.41, 100], [0.42, 50]]);
    expect(paper[0]).toEqual(fill());
    expect((await fills.all('LIVE')).map((f) => f.shares)).toEqual([7]);
    expect(await fills.since('PAPER', secondsAfter(T0, 2))).toHaveLength(1);
    expect(await fills.forIntent(intentId)).toHaveLength(3);
  });

  it('is append-only and refuses impossible fills', async () => {
    await expect(db.dataSource.query('UPDATE fills SET price = 0.5')).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query('DELETE FROM fills')).rejects.toThrow(/append-only/);
    await expect(fills.recordMany('PAPER', [fill({ shares: 0 })])).rejects.toThrow(/fills_shares_check/);
    await expect(fills.recordMany('PAPER', [fill({ price: 1.2 })])).rejects.toThrow(/fills_price_check/);
  });

  it('reads the equity curve and, per mode, its peak, its latest point and its value at a time', async () => {
    const accounts = new AccountSnapshotRepository(db.dataSource);
    expect(await accounts.peakEquity('paper')).toBeNull();
    for (const [s, equity] of [[0, 10_000], [10, 10_400], [20, 9_900]] as const) {
      await accounts.record({ takenAt: secondsAfter(T0, s), mode: 'paper', bankroll: 10_000, cash: equity, equity, positions: [], openOrders: [], balances: {}, unavailable: [] });
    }
    expect((await accounts.equityCurve()).map((p) => p.equity)).toEqual([10_000, 10_400, 9_900]);
    expect((await accounts.equityCurve(secondsAfter(T0, 10))).map((p) => p.equity)).toEqual([10_400, 9_900]);
    expect(await accounts.peakEquity('paper')).toBe(10_400);

    // A live ledger beside it: neither mode's history counts as the other's.
    await accounts.record({ takenAt: secondsAfter(T0, 15), mode: 'live', bankroll: 500, cash: 500, equity: 500, positions: [], openOrders: [], balances: {}, unavailable: [] });
    expect(await accounts.peakEquity('paper')).toBe(10_400);
    expect(await accounts.peakEquity('live')).toBe(500);
    expect(await accounts.latestEquity('paper')).toEqual({ at: secondsAfter(T0, 20), equity: 9_900 });
    expect(await accounts.latestEquity('live')).toEqual({ at: secondsAfter(T0, 15), equity: 500 });
    expect(await accounts.equityAsOf(secondsAfter(T0, 16), 'paper')).toBe(10_400);
    expect(await accounts.equityAsOf(secondsAfter(T0, 16), 'live')).toBe(500);
    expect(await accounts.firstEquitySince(secondsAfter(T0, 5), 'live')).toEqual({ at: secondsAfter(T0, 15), equity: 500 });
    expect(await accounts.firstEquitySince(secondsAfter(T0, 5), 'paper')).toEqual({ at: secondsAfter(T0, 10), equity: 10_400 });
  });

  it('counts orders built since a time, not failures', async () => {
    const executions = new ExecutionRepository(db.dataSource);
    await executions.recordOutcome({ intentId, mode: 'DRY_RUN', status: 'DRY_RUN', orderRequest: { tokenId: 't1' } });
    expect(await executions.countOrdersSince(new Date(Date.now() - 3600_000))).toBe(1);
    expect(await executions.countOrdersSince(new Date(Date.now() + 60_000))).toBe(0);
    await executions.recordOutcome({ intentId, mode: 'DRY_RUN', status: 'FAILED', orderRequest: null, error: 'kill switch' });
    expect(await executions.countOrdersSince(new Date(Date.now() - 3600_000))).toBe(0);
  });
});
