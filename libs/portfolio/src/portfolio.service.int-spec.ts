import { loadSettings } from '@polybot/config';
import type { Fill } from '@polybot/domain';
import {
  AccountSnapshotRepository, createTestDatabase, ExecutionRepository, FillRepository, IntentRepository, MarketRepository, newIntent, RoundTripDepth,
  type TestDatabase,
} from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { PortfolioService } from './portfolio.service';

const NOW = new Date('2026-11-27T06:00:00.000Z');

describe('PortfolioService.view (real Postgres)', () => {
  let db: TestDatabase;
  let fills: FillRepository;
  let intentId: string;
  const depth = new RoundTripDepth();

  function service(watched: boolean): PortfolioService {
    const settings = loadSettings({ POLYBOT_DATABASE_URL: db.url, POLYBOT_MODE: 'paper' }, { envFile: false });
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
});
