import type { OrderBook } from '@polybot/domain';
import { compactBook, type CompactBookLookup } from './book/compact-book';
import type { GammaEvent, GammaMarket } from './gamma.types';
import { buildEventSnapshots, EVENTS_PER_TURN, FALLBACK_TICK_SIZE } from './snapshot-builder';

const FETCHED_AT = new Date('2026-11-27T05:00:00.000Z');

function market(id: string, overrides: Partial<GammaMarket> = {}): GammaMarket {
  return {
    id,
    question: `Q${id}?`,
    conditionId: `0xc${id}`,
    slug: `m-${id}`,
    endDate: '2026-12-31T00:00:00Z',
    tokens: [
      { tokenId: `${id}-yes`, outcome: 'Yes' },
      { tokenId: `${id}-no`, outcome: 'No' },
    ],
    outcomePrices: [0.5, 0.5],
    negRisk: false,
    category: null,
    tags: [],
    event: null,
    liquidityNum: 1000,
    volume24hr: 250,
    tickSize: 0.01,
    orderMinSize: 5,
    acceptingOrders: true,
    enableOrderBook: true,
    active: true,
    closed: false,
    feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true },
    umaResolutionStatus: null,
    ...overrides,
  };
}

function event(id: string, markets: GammaMarket[], overrides: Partial<GammaEvent> = {}): GammaEvent {
  return { id, slug: `e-${id}`, title: `Event ${id}`, negRisk: false, tags: ['Politics', 'Elections'], markets, ...overrides };
}

/** The builder's book lookup over these books, compacted as the ingestor holds them. */
function booksOf(books: ReadonlyMap<string, OrderBook> = new Map()): CompactBookLookup {
  return (tokenId) => {
    const book = books.get(tokenId);
    return book && compactBook(book);
  };
}

function book(tokenId: string, overrides: Partial<OrderBook> = {}): OrderBook {
  return {
    tokenId,
    conditionId: '0xc',
    bids: [
      { price: 0.4, size: 100 },
      { price: 0.39, size: 50 },
    ],
    asks: [{ price: 0.42, size: 10 }],
    tickSize: 0.001,
    minOrderSize: 10,
    negRisk: false,
    timestamp: 1728799418260,
    ...overrides,
  };
}

describe('buildEventSnapshots', () => {
  it('builds a big catalogue a slice per turn of the event loop, keeping the events in order', async () => {
    const events = Array.from({ length: EVENTS_PER_TURN * 2 + 7 }, (_, i) => event(`e${i}`, [market(String(i))]));
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const built = buildEventSnapshots(events, booksOf(), FETCHED_AT).then((snapshots) => {
      order.push('built');
      return snapshots;
    });
    expect((await built).map((s) => s.eventId)).toEqual(events.map((e) => e.id));
    // Other work queued on the loop ran before the build finished: it did not hold the loop throughout.
    expect(order).toEqual(['other work', 'built']);
  });

  it('quotes every token from its book and leaves tokens without a book empty', async () => {
    const [snapshot] = await buildEventSnapshots([event('e1', [market('1')])], booksOf(new Map([['1-yes', book('1-yes')]])), FETCHED_AT);
    const [yes, no] = snapshot!.markets[0]!.tokens;
    expect(yes).toEqual({ tokenId: '1-yes', outcome: 'Yes', bestBid: 0.4, bestAsk: 0.42, mid: expect.closeTo(0.41, 10), spread: expect.closeTo(0.02, 10), bidDepthUsd: 40 + 19.5, askDepthUsd: expect.closeTo(4.2, 10), bookTimestamp: 1728799418260 });
    expect(no).toEqual({ tokenId: '1-no', outcome: 'No', bestBid: null, bestAsk: null, mid: null, spread: null, bidDepthUsd: 0, askDepthUsd: 0, bookTimestamp: null });
  });

  it('copies the market facts and stamps the fetch time', async () => {
    const resolved = market('1', { closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', outcomePrices: [1, 0] });
    const [snapshot] = await buildEventSnapshots([event('e1', [resolved])], booksOf(), FETCHED_AT);
    expect(snapshot).toMatchObject({ eventId: 'e1', slug: 'e-e1', title: 'Event e1', negRisk: false });
    expect(snapshot!.markets[0]).toMatchObject({
      marketId: '1',
      conditionId: '0xc1',
      question: 'Q1?',
      slug: 'm-1',
      eventId: 'e1',
      eventSlug: 'e-e1',
      endDate: '2026-12-31T00:00:00Z',
      active: true,
      closed: true,
      acceptingOrders: false,
      enableOrderBook: true,
      liquidityUsd: 1000,
      volume24hUsd: 250,
      feeSchedule: { rate: 0.07, exponent: 1, takerOnly: true },
      fetchedAt: '2026-11-27T05:00:00.000Z',
      umaResolutionStatus: 'resolved',
      outcomePrices: [1, 0],
    });
  });

  it('passes on an open market\'s indicative prices and a missing resolution status or prices as null', async () => {
    const [snapshot] = await buildEventSnapshots(
      [event('e1', [market('1', { outcomePrices: [0.35, 0.65] }), market('2', { outcomePrices: null })])],
      booksOf(),
      FETCHED_AT,
    );
    expect(snapshot!.markets.map((m) => [m.umaResolutionStatus, m.outcomePrices])).toEqual([
      [null, [0.35, 0.65]],
      [null, null],
    ]);
    const loose = await buildEventSnapshots([], booksOf(), FETCHED_AT, [market('3', { closed: true, umaResolutionStatus: 'resolved', outcomePrices: [0, 1] })]);
    expect(loose[0]!.markets[0]).toMatchObject({ marketId: '3', closed: true, umaResolutionStatus: 'resolved', outcomePrices: [0, 1] });
  });

  it('takes tick size and minimum order size from the book, else from Gamma, else the venue default', async () => {
    const books = new Map([['1-no', book('1-no')]]);
    const [snapshot] = await buildEventSnapshots(
      [event('e1', [market('1'), market('2', { tickSize: 0.001, orderMinSize: 15 }), market('3', { tickSize: null, orderMinSize: null })])],
      booksOf(new Map([...books, ['2-yes', book('2-yes', { tickSize: 0, minOrderSize: 0 })]])),
      FETCHED_AT,
    );
    const [fromBook, fromGamma, fallback] = snapshot!.markets;
    expect([fromBook!.tickSize, fromBook!.minOrderSize]).toEqual([0.001, 10]);
    expect([fromGamma!.tickSize, fromGamma!.minOrderSize]).toEqual([0.001, 15]);
    expect([fallback!.tickSize, fallback!.minOrderSize]).toEqual([FALLBACK_TICK_SIZE, 5]);
  });

  it('takes the category from the market, else the first event tag, and the tag labels from event and market', async () => {
    const [snapshot] = await buildEventSnapshots(
      [event('e1', [market('1', { category: 'Crypto', tags: ['Bitcoin', 'Politics'] }), market('2')])],
      booksOf(),
      FETCHED_AT,
    );
    expect(snapshot!.markets[0]).toMatchObject({ category: 'Crypto', tags: ['Politics', 'Elections', 'Bitcoin'] });
    expect(snapshot!.markets[1]).toMatchObject({ category: 'Politics', tags: ['Politics', 'Elections'] });
    const [untagged] = await buildEventSnapshots([event('e2', [market('3')], { tags: [] })], booksOf(), FETCHED_AT);
    expect(untagged!.markets[0]).toMatchObject({ category: null, tags: [] });
  });

  it('marks markets neg-risk when the event, the market or the book says so', async () => {
    const [negRiskEvent] = await buildEventSnapshots([event('e1', [market('1')], { negRisk: true })], booksOf(), FETCHED_AT);
    expect([negRiskEvent!.negRisk, negRiskEvent!.markets[0]!.negRisk]).toEqual([true, true]);
    const [plain] = await buildEventSnapshots([event('e2', [market('2'), market('3', { negRisk: true }), market('4')])], booksOf(new Map([['4-no', book('4-no', { negRisk: true })]])), FETCHED_AT);
    expect(plain!.markets.map((m) => m.negRisk)).toEqual([false, true, true]);
  });

  it('groups markets fetched without an event: under their Gamma event, or alone as market:<id>', async () => {
    const ref = { id: 'e9', slug: 'e-9', title: 'Event 9', negRisk: true, tags: ['Sports'] };
    const snapshots = await buildEventSnapshots(
      [event('e1', [market('1')])],
      booksOf(),
      FETCHED_AT,
      [market('5', { event: ref }), market('6', { event: ref }), market('7', { question: 'Lonely?', slug: 'lonely' }), market('1', { event: { ...ref, id: 'e1' } })],
    );
    expect(snapshots.map((s) => [s.eventId, s.markets.map((m) => m.marketId)])).toEqual([
      ['e1', ['1']],
      ['e9', ['5', '6']],
      ['market:7', ['7']],
    ]);
    expect(snapshots[1]).toMatchObject({ slug: 'e-9', title: 'Event 9', negRisk: true });
    expect(snapshots[1]!.markets[0]).toMatchObject({ eventId: 'e9', category: 'Sports', tags: ['Sports'] });
    expect(snapshots[2]).toMatchObject({ eventId: 'market:7', slug: 'lonely', title: 'Lonely?', negRisk: false });
    expect(snapshots[2]!.markets[0]!.eventId).toBe('market:7');
  });

  it('leaves out events that have no markets', async () => {
    expect(await buildEventSnapshots([event('e1', [])], booksOf(), FETCHED_AT)).toEqual([]);
  });
});
