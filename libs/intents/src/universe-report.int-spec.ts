import { loadSettings } from '@polybot/config';
import { createTestDatabase, MarketRepository, type TestDatabase } from '@polybot/persistence';
import { testMarket } from '@polybot/runtime';
import { buildUniverseReport } from './universe-report';

describe('buildUniverseReport (real Postgres)', () => {
  let db: TestDatabase;
  let markets: MarketRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    markets = new MarketRepository(db.dataSource);
  });
  afterAll(async () => db?.drop());

  it('judges every stored open market with the configured filters and lists the most liquid tradable ones', async () => {
    await markets.upsertMany([
      testMarket('m-a', { liquidityUsd: 50_000, category: 'Politics' }),
      testMarket('m-b', { liquidityUsd: 80_000 }),
      testMarket('m-c', { liquidityUsd: 60_000 }),
      testMarket('thin', { liquidityUsd: 900, volume24hUsd: 100 }),
      testMarket('wide', { yesBid: 0.3, yesAsk: 0.5 }),
      testMarket('shut', { closed: true }),
    ]);
    const settings = loadSettings({ POLYBOT_DATABASE_URL: db.url, POLYBOT_MIN_LIQUIDITY: '1000', POLYBOT_MIN_VOLUME_24H: '500' }, { envFile: false });
    const now = new Date();
    const report = await buildUniverseReport({ settings, markets, now }, { top: 2 });

    expect(report.total).toBe(5);
    expect(report.tradable).toBe(3);
    expect(report.excluded_by).toEqual({
      ACTIVE: 0, ORDER_BOOK_ENABLED: 0, ACCEPTING_ORDERS: 0, MIN_LIQUIDITY: 1, MIN_VOLUME_24H: 1, MAX_SPREAD: 1, TIME_TO_RESOLUTION: 0,
    });
    expect(report.filters).toMatchObject({ min_liquidity_usd: 1000, min_volume_24h_usd: 500, max_spread: settings.maxSpread });
    expect(report.top_markets.map((m) => [m.market_id, m.liquidity_usd])).toEqual([['m-b', 80_000], ['m-c', 60_000]]);
    expect(report.top_markets[0]).toMatchObject({ question: 'Will m-b happen?', volume_24h_usd: 20_000, category: null });
    expect(report.top_markets[0].widest_spread).toBeCloseTo(0.02, 9);
    expect(report.newest_update).not.toBeNull();
  });
});
