import type { Fill } from '@polybot/domain';
import { AccountSnapshotRepository } from '../account/account-snapshot.repository';
import { ExecutionRepository } from '../executions/execution.repository';
import { FillRepository } from '../fills/fill.repository';
import { IntentRepository } from '../intents/intent.repository';
import { MarketRepository } from '../markets/market.repository';
import { countQueries, createTestDatabase, marketSnapshot, newIntent, secondsAfter, T0, type TestDatabase } from '../testing';
import { PortfolioReadRepository } from './portfolio-read.repository';

describe('PortfolioReadRepository (real Postgres)', () => {
  let db: TestDatabase;
  let reads: PortfolioReadRepository;
  let intents: IntentRepository;
  let fills: FillRepository;
  let executions: ExecutionRepository;
  let accounts: AccountSnapshotRepository;
  let markets: MarketRepository;
  let openId: string;

  const fill = (intentId: string, seconds: number, shares: number): Fill => ({
    intentId, kind: 'TRADE', tokenId: 'held-yes', marketId: 'held', conditionId: '0xcond-held', outcome: 'Yes', category: null,
    side: 'BUY', price: 0.41, shares, feeUsd: 0.1, at: secondsAfter(T0, seconds),
  });
  const query = (afterFillId: number, marketIds: string[] = ['held', 'unknown']) => ({
    fillMode: 'PAPER' as const, afterFillId, marketIds, ordersSince: secondsAfter(T0, -3600), equityAt: secondsAfter(T0, 10),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    reads = new PortfolioReadRepository(db.dataSource);
    intents = new IntentRepository(db.dataSource);
    fills = new FillRepository(db.dataSource);
    executions = new ExecutionRepository(db.dataSource);
    accounts = new AccountSnapshotRepository(db.dataSource);
    markets = new MarketRepository(db.dataSource);
    await markets.upsertMany([marketSnapshot('held'), marketSnapshot('open'), marketSnapshot('elsewhere')]);
    const open = await intents.createPending(newIntent({ marketId: 'open', createdAt: secondsAfter(T0, 1) }), [], { actor: 'test' });
    openId = open!.id;
    // Executed: not open.
    const done = await intents.createPending(newIntent({ marketId: 'elsewhere', createdAt: T0 }), [], { actor: 'test' });
    await intents.transition(done!.id, 'Approve', { now: secondsAfter(T0, 2), actor: 'alice' });
    await intents.transition(done!.id, 'StartExecution', { now: secondsAfter(T0, 2), actor: 'executor' });
    await executions.recordOutcome({ intentId: done!.id, mode: 'DRY_RUN', status: 'DRY_RUN', orderRequest: { tokenId: 'held-yes' } });
    await fills.recordMany('PAPER', [fill(done!.id, 3, 10), fill(done!.id, 4, 5)]);
    await fills.recordMany('LIVE', [fill(done!.id, 5, 99)]);
    await intents.transition(done!.id, 'CompleteExecution', { now: secondsAfter(T0, 6), actor: 'executor' });
    // Approved, not yet executed: open, with its decision's timestamps set (null on a PENDING one).
    const approved = await intents.createPending(newIntent({ marketId: 'open', createdAt: secondsAfter(T0, 2) }), [], { actor: 'test' });
    await intents.transition(approved!.id, 'Approve', { now: secondsAfter(T0, 7), actor: 'bob' });
    for (const [s, equity] of [[0, 10_000], [9, 10_200], [20, 9_000]] as const) {
      await accounts.record({ takenAt: secondsAfter(T0, s), mode: 'paper', bankroll: 10_000, cash: equity, equity, positions: [], openOrders: [], balances: {}, unavailable: [] });
    }
  });
  afterAll(async () => db?.drop());

  it('reads in one statement what each repository reads on its own', async () => {
    const read = await countQueries(db.dataSource, () => reads.read(query(0)));
    expect(read.queries).toHaveLength(1);
    expect(read.result.openIntents).toEqual(await intents.listOpenWithoutChecks());
    expect(read.result.openIntents.map((i) => [i.status, i.marketId])).toEqual([['PENDING', 'open'], ['APPROVED', 'open']]);
    expect(read.result.openIntents[0].id).toBe(openId);
    expect(read.result.openIntents[1].decidedAt).toEqual(secondsAfter(T0, 7));
    expect(read.result.fills).toEqual(await fills.after('PAPER', 0));
    expect(read.result.fills.fills.map((f) => f.fill.shares)).toEqual([10, 5]);
    expect(read.result.ordersSince).toBe(await executions.countOrdersSince(secondsAfter(T0, -3600)));
    expect(read.result.ordersSince).toBeGreaterThan(0);
    expect(read.result.equityAt).toBe(await accounts.equityAsOf(secondsAfter(T0, 10)));
    expect(read.result.equityAt).toBe(10_200);
  });

  it('adds the markets of the open intents to those asked for; unknown ids are absent', async () => {
    const { markets: read } = await reads.read(query(0));
    expect([...read.keys()].sort()).toEqual(['held', 'open']);
    expect(read.get('open')).toEqual(await markets.findById('open'));
    expect([...(await reads.read(query(0, []))).markets.keys()]).toEqual(['open']);
  });

  it('reads only fills past the id given, with the total of the mode, and no equity before the first point', async () => {
    const all = await fills.after('PAPER', 0);
    const { fills: after, equityAt } = await reads.read({ ...query(all.fills[0].id), equityAt: secondsAfter(T0, -1) });
    expect(after).toEqual({ total: 2, fills: all.fills.slice(1) });
    expect(after.fills[0].fill.at).toEqual(secondsAfter(T0, 4));
    expect(equityAt).toBeNull();
  });
});
