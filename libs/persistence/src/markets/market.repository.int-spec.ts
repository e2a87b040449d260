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

  it("fills each row's columns from its own snapshot, across chunks, nulls included", async () => {
    const day = (i: number) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000);
    const many = Array.from({ length: 1100 }, (_, i) => market(`row-${i}`, {
      endDate: i % 7 === 0 ? null : day(i).toISOString(), category: i % 2 ? 'Sports' : null, eventId: i % 3 ? `ev-${i}` : null,
      negRisk: i % 5 === 0, closed: i % 11 === 0, tags: [`t${i}`],
    }));
    await markets.upsertMany(many);
    const rows: { market_id: string; end_date: Date | null; category: string | null; event_id: string | null; neg_risk: boolean; closed: boolean; tags: string[] }[] =
      await db.dataSource.query(`SELECT market_id, end_date, category, event_id, neg_risk, closed, tags FROM markets WHERE market_id LIKE 'row-%'`);
    const byId = new Map(rows.map((row) => [row.market_id, row]));
    many.forEach((snapshot, i) => expect(byId.get(snapshot.marketId)).toEqual({
      market_id: snapshot.marketId, end_date: snapshot.endDate === null ? null : day(i), category: snapshot.category, event_id: snapshot.eventId,
      neg_risk: snapshot.negRisk, closed: snapshot.closed, tags: [`t${i}`],
    }));
  });

  it('stores a malformed end date as NULL instead of failing the batch', async () => {
    await markets.upsertMany([market('bad-date', { endDate: 'soon' })]);
    const [row] = await db.dataSource.query(`SELECT end_date FROM markets WHERE market_id = 'bad-date'`);
    expect(row.end_date).toBeNull();
    expect((await markets.findById('bad-date'))!.endDate).toBe('soon');
  });
});
