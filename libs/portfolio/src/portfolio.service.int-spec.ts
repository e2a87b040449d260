import { loadSettings } from '@polybot/config';
import type { Fill } from '@polybot/domain';
import {
  AccountSnapshotRepository, createTestDatabase, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository, MarketRepository, newIntent,
  RiskCheckRepository, RoundTripDepth, type TestDatabase,
} from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { IntentGate } from './intent-gate';
import { PortfolioService } from './portfolio.service';

const NOW = new Date('2026-11-27T06:00:00.000Z');

describe('PortfolioService.view (real Postgres)', () => {
  let db: TestDatabase;
  let fills: FillRepository;
  let intentId: string;
  const depth = new RoundTripDepth();

  function service(watched: boolean, env: Record<string, string> = { POLYBOT_MODE: 'paper' }): PortfolioService {
    const settings = loadSettings({ POLYBOT_DATABASE_URL: db.url, ...env }, { envFile: false });
    const repos = {
      fills, intents: new IntentRepository(db.dataSource), markets: new MarketRepository(db.dataSource),
      executions: new ExecutionRepository(db.dataSource), accounts: new AccountSnapshotRepository(db.dataSource),
    };
    const sources = watched ? Object.fromEntries(Object.entries(repos).map(([name, repo]) => [name, depth.watch(repo, name)])) as typeof repos : repos;
    return new PortfolioService({ ...sources, settings });
  }

  const buy = (marketId: string, shares: number, price: number): Fill => ({
    intentId, kind: 'TRADE', tokenId: `${marketId}-yes`, marketId, conditionId: `0xcond-${marketId}`, outcome: 'Yes', category: null,
    side: 'BUY', price, shares, feeUsd: 0, at: NOW,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    fills = new FillRepository(db.dataSource);
    await new MarketRepository(db.dataSource).upsertMany([testMarket('held', { yesBid: 0.6 }), testMarket('open', { yesBid: 0.3 }), testMarket('new', { yesBid: 0.8 })]);
    intentId = (await new IntentRepository(db.dataSource).createPending(newIntent({ marketId: 'open', sizeUsd: 50 }), [], { actor: 'test' }))!.id;
    await fills.recordMany('PAPER', [buy('held', 10, 0.5)]);
  });
  afterAll(async () => db?.drop());

  it('reads in two round trips once it knows the positions, and sees what a fresh read sees', async () => {
    const portfolio = service(true);
    await portfolio.view(NOW);
    depth.reset();
    const view = await portfolio.view(NOW);
    expect(depth.depth).toBe(2);
    expect(view).toEqual(await service(false).view(NOW));
    expect(view.marked.positions.map((p) => [p.tokenId, p.markPrice])).toEqual([['held-yes', 0.6]]);
    expect([...view.markets.keys()].sort()).toEqual(['held', 'open']);
    expect(view.exposure.totalUsd).toBe(5 + 50);
  });

  it('reads the market of a position new since its last read before marking it', async () => {
    const portfolio = service(true);
    await portfolio.view(NOW);
    await fills.recordMany('PAPER', [buy('new', 5, 0.7)]);
    depth.reset();
    const view = await portfolio.view(NOW);
    expect(depth.depth).toBe(3);
    expect(view.marked.positions.map((p) => [p.tokenId, p.markPrice])).toEqual([['held-yes', 0.6], ['new-yes', 0.8]]);
    expect(view).toEqual(await service(false).view(NOW));
  });

  it("with real orders, takes the bankroll no higher than the account's funds at the venue, and refuses new positions without a recent reading", async () => {
    const liveEnv = (dryRun: boolean) => ({ POLYBOT_MODE: 'live', POLYBOT_DRY_RUN: String(dryRun), POLYBOT_CONFIRM_LIVE: 'yes', POLYBOT_POLYGON_PRIVATE_KEY: `0x${'11'.repeat(32)}` });
    const live = (dryRun: boolean) => service(false, liveEnv(dryRun));
    expect((await live(true).view(NOW)).bankrollBasis).toMatchObject({ usd: 10_000, basis: 'configured' });

    const unread = await live(false).view(NOW);
    expect(unread.bankrollBasis).toMatchObject({ usd: 0, basis: 'unread' });
    expect(unread.bankroll).toBe(0);
    const settings = loadSettings({ POLYBOT_DATABASE_URL: db.url, ...liveEnv(false) }, { envFile: false });
    const gate = new IntentGate({ portfolio: live(false), markets: new MarketRepository(db.dataSource), killSwitches: new KillSwitchRepository(db.dataSource), riskChecks: new RiskCheckRepository(db.dataSource), settings });
    const intents = new IntentRepository(db.dataSource);
    const opening = (await intents.findById(intentId))!;
    const verdict = gate.decide(opening, await gate.read(opening, NOW), NOW);
    expect(verdict.passed).toBe(false);
    expect(verdict.results[0]).toMatchObject({ name: 'BANKROLL', passed: false, message: expect.stringContaining('were not read in the last 300 s') });
    // An exit reduces risk: it does not wait for the account to be read.
    const closing = (await intents.createPending(newIntent({ type: 'CLOSE_POSITION', marketId: 'held', side: 'SELL', sizeUsd: 6 }), [], { actor: 'test' }))!;
    expect(gate.decide(closing, await gate.read(closing, NOW), NOW).results.map((r) => r.name)).not.toContain('BANKROLL');

    await new AccountSnapshotRepository(db.dataSource).record({
      takenAt: new Date(NOW.getTime() - 60_000), mode: 'live', bankroll: 0, cash: 0, equity: 0, openOrders: [], unavailable: [],
      positions: [{ tokenId: 'x', size: 10, avgPrice: 0.5, currentValue: 50 }], balances: { collateral: { balance: 250, allowances: {} } },
    });
    const read = await live(false).view(NOW);
    expect(read.bankrollBasis).toMatchObject({ usd: 300, basis: 'venue' });
    expect(gate.decide(opening, await gate.read(opening, NOW), NOW).results.map((r) => r.name)).not.toContain('BANKROLL');
  });
});
