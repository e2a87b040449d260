import { createMarketDataStack, type MarketDataStack } from './market-data-source.factory';
import { type FakeVenue, MemoryVenueCallRecorder, startFakeVenue } from './testing/fake-venue.server';
import { clobBookWire, gammaEventWire, gammaMarketWire, tokenIdsFor } from './testing/venue-payloads';

const FETCHED_AT = new Date('2026-11-27T05:00:00.000Z');

describe('MarketDataSource over real HTTP (hand-written venue)', () => {
  let venue: FakeVenue;
  let stack: MarketDataStack;
  let gammaDown = false;

  beforeAll(async () => {
    const events = [
      gammaEventWire('100', [gammaMarketWire({ id: '1' }), gammaMarketWire({ id: '2' }, { closed: true })], { negRisk: true }),
      gammaEventWire('200', [gammaMarketWire({ id: '3' }, { enableOrderBook: false }), gammaMarketWire({ id: '4' }, { active: false })]),
      gammaEventWire('300', [gammaMarketWire({ id: '5' }, { category: 'Crypto', orderPriceMinTickSize: 0.01 })]),
    ];
    const inEvent300 = gammaMarketWire({ id: '6' }, { closed: true, events: [{ id: '300', slug: 'event-300', title: 'Event 300', negRisk: false }] });
    const eventless = gammaMarketWire({ id: '7' }, { closed: true });
    venue = await startFakeVenue((app) => {
      app.get('/gamma/markets', (req, res) => {
        const wanted = [req.query['condition_ids']].flat().map(String);
        const offset = Number(req.query['offset'] ?? 0);
        res.json([inEvent300, eventless].filter((market) => wanted.includes(String(market['conditionId']))).slice(offset, offset + Number(req.query['limit'])));
      });
      app.get('/gamma/events', (req, res) => {
        if (gammaDown) return void res.status(503).send('down');
        const offset = Number(req.query['offset']);
        res.json(events.slice(offset, offset + Number(req.query['limit'])));
      });
      app.post('/clob/books', (req, res) => {
        const tokenIds = (req.body as { token_id: string }[]).map((entry) => entry.token_id);
        res.json(
          tokenIds.map((tokenId) =>
            clobBookWire(tokenId, [{ price: '0.30', size: '100' }, { price: '0.29', size: '10' }], [{ price: '0.32', size: '50' }], { tick_size: '0.001', min_order_size: '10' }),
          ),
        );
      });
    });
  });

  afterAll(() => venue.close());

  beforeEach(() => {
    venue.requests.length = 0;
    gammaDown = false;
    stack = createMarketDataStack({
      gammaUrl: `${venue.url}/gamma`,
      clobUrl: `${venue.url}/clob`,
      timeoutMs: 2_000,
      maxRetries: 1,
      booksBatchSize: 2,
      gammaPageSize: 2,
      recorder: new MemoryVenueCallRecorder(),
      backoff: { initialDelayMs: 1, maxDelayMs: 5 },
      now: () => FETCHED_AT,
    });
  });

  afterEach(() => stack.http.close());

  it('builds event snapshots, fetching books only for active, open, order-book markets', async () => {
    const cycle = await stack.source.fetchCycle();
    expect(cycle.issues).toEqual([]);
    const asked = venue.requests.filter((r) => r.path === '/clob/books').flatMap((r) => (r.body as { token_id: string }[]).map((e) => e.token_id));
    expect(asked.sort()).toEqual([...tokenIdsFor('1'), ...tokenIdsFor('5')].sort());
    expect(cycle.stats).toEqual({ events: 3, markets: 5, tokens: 4, books: 4, restBooks: 4, watchedMarkets: 0, resyncedBooks: null, durationMs: expect.any(Number) });

    const [negRisk, , crypto] = cycle.events;
    expect(negRisk).toMatchObject({ eventId: '100', negRisk: true });
    const [open, closed] = negRisk!.markets;
    expect(open).toMatchObject({ marketId: '1', negRisk: true, tickSize: 0.001, minOrderSize: 10, category: 'Politics', tags: ['Politics', 'Elections'], fetchedAt: FETCHED_AT.toISOString() });
    expect(open!.tokens.map((t) => [t.outcome, t.bestBid, t.bestAsk])).toEqual([
      ['Yes', 0.3, 0.32],
      ['No', 0.3, 0.32],
    ]);
    expect(closed).toMatchObject({ closed: true, tickSize: 0.01 });
    expect(closed!.tokens.every((t) => t.bestBid === null && t.bookTimestamp === null)).toBe(true);
    expect(crypto!.markets[0]).toMatchObject({ category: 'Crypto' });
  });

  it('keeps markets to maxMarkets without splitting events', async () => {
    const cycle = await stack.source.fetchCycle({ maxMarkets: 4 });
    expect(cycle.events.map((e) => e.eventId)).toEqual(['100', '200']);
  });

  it('reports an unreachable Gamma as an issue and returns no events instead of throwing', async () => {
    gammaDown = true;
    const cycle = await stack.source.fetchCycle();
    expect(cycle.events).toEqual([]);
    expect(cycle.issues).toEqual(['gamma GET /events: HTTP 503 (after 2 attempts); stopped paging /events at offset 0']);
    expect(venue.requests.some((r) => r.path === '/clob/books')).toBe(false);
  });

  it('reads a cycle a slice of whole Gamma pages at a time, each with its books and its watched markets, the same cycle as read at once', async () => {
    const watchConditionIds = ['0x' + '6'.padStart(64, '0'), '0x' + '7'.padStart(64, '0'), '0x' + '5'.padStart(64, '0')];
    const chunks = [];
    for await (const chunk of stack.source.cycleChunks({ marketsPerChunk: 3, watchConditionIds })) chunks.push(chunk);

    // Pages of two events: the first page (4 markets) fills a slice; the short second page ends the catalogue.
    expect(chunks.map((chunk) => chunk.events.map((event) => event.eventId))).toEqual([['100', '200'], ['300', 'market:7']]);
    expect(chunks.map((chunk) => chunk.stats)).toEqual([
      { events: 2, markets: 4, tokens: 2, books: 2, restBooks: 2, watchedMarkets: 0, resyncedBooks: null, durationMs: expect.any(Number) },
      { events: 2, markets: 3, tokens: 2, books: 2, restBooks: 2, watchedMarkets: 2, resyncedBooks: null, durationMs: expect.any(Number) },
    ]);
    // A closed watched market joins its open event; one whose event is not open stands alone; one
    // the open catalogue lists (market 5) is taken from the catalogue, once.
    expect(chunks[1]!.events[0]!.markets.map((market) => market.marketId)).toEqual(['5', '6']);
    expect(chunks[1]!.events[1]!.markets.map((market) => [market.marketId, market.closed])).toEqual([['7', true]]);
    // Each slice's books are asked for with that slice, before the next page is decoded.
    const bookRequests = venue.requests.filter((r) => r.path === '/clob/books').map((r) => (r.body as { token_id: string }[]).map((e) => e.token_id).sort());
    expect(bookRequests).toEqual([tokenIdsFor('1').sort(), tokenIdsFor('5').sort()]);

    const whole = await stack.source.fetchCycle({ watchConditionIds });
    expect(whole.events).toEqual(chunks.flatMap((chunk) => chunk.events));
    expect(whole.stats).toMatchObject({ events: 4, markets: 7, tokens: 4, watchedMarkets: 2 });
  });
});
