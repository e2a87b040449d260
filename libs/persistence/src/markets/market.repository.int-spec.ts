import type { MarketSnapshot } from '@polybot/domain';
import { createTestDatabase, type TestDatabase } from '../testing';
import { MarketRepository } from './market.repository';

function market(id: string, overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    marketId: id, conditionId: `0xcond-${id}`, question: `Will ${id} happen?`, slug: `will-${id}-happen`,
    eventId: 'ev-1', eventSlug: 'event-one', negRisk: true, endDate: '2026-03-01T00:00:00Z', category: 'Politics',
    tags: ['politics', 'us'], active: true, closed: false, acceptingOrders: true, enableOrderBook: true,
    liquidityUsd: 1000, volume24hUsd: 500, tickSize: 0.01, minOrderSize: 5, feeSchedule: null,
    tokens: [{ tokenId: `${id}-yes`, outcome: 'Yes', bestBid: 0.4, bestAsk: 0.42, mid: 0.41, spread: 0.02, bidDepthUsd: 100, askDepthUsd: 120, bookTimestamp: 1 }],
    fetchedAt: '2026-01-04T20:30:00.000Z',
    ...overrides,
  };
}

describe('MarketRepository (real Postgres)', () => {
  let db: TestDatabase;
  let markets: MarketRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    markets = new MarketRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('inserts, then updates in place, keeping the full snapshot', async () => {
    await markets.upsertMany([market('a'), market('b')]);
    expect(await markets.count()).toBe(2);
    const closed = market('a', { closed: true, acceptingOrders: false, tags: ['politics'] });
    await markets.upsertMany([closed, market('c')]);
    expect(await markets.count()).toBe(3);
    expect(await markets.findById('a')).toEqual(closed);
    const [row] = await db.dataSource.query(`SELECT closed, accepting_orders, tags, end_date, neg_risk FROM markets WHERE market_id = 'a'`);
    expect(row).toEqual({ closed: true, accepting_orders: false, tags: ['politics'], end_date: new Date('2026-03-01T00:00:00Z'), neg_risk: true });
  });

  it('handles more than one chunk and the same market twice in a batch', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => market(`bulk-${i}`));
    await markets.upsertMany([...many, market('bulk-0', { question: 'last one wins' })]);
    expect(await markets.count()).toBe(3 + 1203);
    expect((await markets.findById('bulk-0'))!.question).toBe('last one wins');
  });

  it('stores a malformed end date as NULL instead of failing the batch', async () => {
    await markets.upsertMany([market('bad-date', { endDate: 'soon' })]);
    const [row] = await db.dataSource.query(`SELECT end_date FROM markets WHERE market_id = 'bad-date'`);
    expect(row.end_date).toBeNull();
    expect((await markets.findById('bad-date'))!.endDate).toBe('soon');
  });
});
