import { GammaClient } from './gamma.client';
import { VenueHttp } from './http/venue-http';
import { type FakeVenue, MemoryVenueCallRecorder, startFakeVenue } from './testing/fake-venue.server';
import { gammaEventWire, gammaMarketWire } from './testing/venue-payloads';

type Json = Record<string, unknown>;

/** Events 1..n, each with `marketsPerEvent` markets, served like Gamma: bare arrays paged by offset/limit. */
function catalogue(n: number, marketsPerEvent = 2): Json[] {
  return Array.from({ length: n }, (_, i) => {
    const eventId = String(i + 1);
    const markets = Array.from({ length: marketsPerEvent }, (_, j) => gammaMarketWire({ id: `${eventId}0${j}` }));
    return gammaEventWire(eventId, markets);
  });
}

function pageOf<T>(items: T[], query: Record<string, unknown>): T[] {
  const offset = Number(query['offset'] ?? 0);
  const limit = Number(query['limit'] ?? 100);
  return items.slice(offset, offset + limit);
}

describe('GammaClient over real HTTP', () => {
  let venue: FakeVenue;
  let http: VenueHttp;
  let events: Json[] = [];
  let markets: Json[] = [];
  let failOffsets = new Set<number>();
  let eventsBody: ((query: Record<string, unknown>) => unknown) | null = null;
  let replyDelayMs = 0;
  let eventsInFlight = 0;
  let mostEventsInFlight = 0;

  beforeAll(async () => {
    venue = await startFakeVenue((app) => {
      app.get('/gamma/events', (req, res) => {
        if (failOffsets.has(Number(req.query['offset']))) return void res.status(500).json({ error: 'boom' });
        eventsInFlight += 1;
        mostEventsInFlight = Math.max(mostEventsInFlight, eventsInFlight);
        setTimeout(() => {
          eventsInFlight -= 1;
          res.json(eventsBody ? eventsBody(req.query) : pageOf(events, req.query));
        }, replyDelayMs);
      });
      app.get('/gamma/markets', (req, res) => void res.json(pageOf(markets, req.query)));
      app.get('/gamma/markets/keyset', (req, res) => {
        const offset = req.query['after_cursor'] ? Number(Buffer.from(String(req.query['after_cursor']), 'base64url').toString()) : 0;
        const limit = Number(req.query['limit']);
        const slice = markets.slice(offset, offset + limit);
        const next = offset + slice.length < markets.length ? Buffer.from(String(offset + slice.length)).toString('base64url') : null;
        res.json({ markets: slice, next_cursor: next });
      });
    });
  });

  afterAll(() => venue.close());

  beforeEach(() => {
    venue.requests.length = 0;
    failOffsets = new Set();
    eventsBody = null;
    replyDelayMs = 0;
    mostEventsInFlight = 0;
    http = new VenueHttp({ timeoutMs: 2_000, maxRetries: 1, recorder: new MemoryVenueCallRecorder(), backoff: { initialDelayMs: 1, maxDelayMs: 5 } });
  });

  afterEach(() => http.close());

  // One page at a time unless a test says otherwise, so the request lists below are exact.
  const client = (pageSize = 10, pagesInFlight = 1): GammaClient => new GammaClient({ baseUrl: `${venue.url}/gamma`, http, pageSize, pagesInFlight });

  describe('with pages requested ahead', () => {
    it('reads the same catalogue with several pages in flight, wasting at most inFlight - 1 requests', async () => {
      events = catalogue(95);
      const oneByOne = await client(10, 1).fetchOpenEvents();
      venue.requests.length = 0;
      mostEventsInFlight = 0;
      // Long enough that the window's four requests are all out before the first answer, however
      // busy the machine (at 20 ms a loaded CI host once saw only three at a time).
      replyDelayMs = 150;
      const ahead = await client(10, 4).fetchOpenEvents();
      expect(ahead).toEqual(oneByOne);
      expect(ahead.events).toHaveLength(95);
      const offsets = venue.requests.map((request) => Number(request.query['offset']));
      expect(new Set(offsets).size).toBe(offsets.length);
      expect(offsets.length).toBeGreaterThanOrEqual(10);
      expect(offsets.length).toBeLessThanOrEqual(13);
      expect(mostEventsInFlight).toBe(4);
      // Nothing of this read is still under way once it has returned.
      expect(eventsInFlight).toBe(0);
    });

    it('asks for the first page alone, so a one-page catalogue costs one request', async () => {
      events = catalogue(7);
      const result = await client(10, 4).fetchOpenEvents();
      expect(result.events).toHaveLength(7);
      expect(venue.requests).toHaveLength(1);
    });

    it('stops at a failed page with its issue only, keeping the pages before it and ignoring those requested after it', async () => {
      events = catalogue(95);
      failOffsets = new Set([30, 50]);
      const result = await client(10, 4).fetchOpenEvents();
      expect(result.events.map((event) => event.id)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
      expect(result.issues).toEqual(['gamma GET /events: HTTP 500: boom (after 2 attempts); stopped paging /events at offset 30']);
    });
  });

  it('pages through every open event until a short page and collects their markets', async () => {
    events = catalogue(23);
    const result = await client().fetchOpenEvents();
    expect(result.issues).toEqual([]);
    expect(result.events.map((event) => event.id)).toEqual(Array.from({ length: 23 }, (_, i) => String(i + 1)));
    expect(result.markets).toHaveLength(46);
    expect(venue.requests.map((request) => request.query)).toEqual([0, 10, 20].map((offset) => ({ active: 'true', closed: 'false', limit: '10', offset: String(offset) })));
  });

  it('asks for one more page when the last one is exactly full', async () => {
    events = catalogue(20);
    const result = await client().fetchOpenEvents();
    expect(result.events).toHaveLength(20);
    expect(venue.requests.map((request) => request.query['offset'])).toEqual(['0', '10', '20']);
  });

  it('skips malformed events and markets with issues naming them, keeping the rest of the page', async () => {
    events = catalogue(3);
    events[0] = { ...events[0], id: undefined };
    events[1] = gammaEventWire('2', [gammaMarketWire({ id: '200' }, { clobTokenIds: 'not json' }), gammaMarketWire({ id: '201' })]);
    const result = await client().fetchOpenEvents();
    expect(result.events.map((event) => event.id)).toEqual(['2', '3']);
    expect(result.markets.map((market) => market.id)).toEqual(['201', '300', '301']);
    expect(result.issues).toEqual(['gamma event #0: id is missing', 'gamma event 2: skipped gamma market 200: clobTokenIds is not a JSON array of strings']);
  });

  it('reports a page that fails after retries and keeps the events already read', async () => {
    events = catalogue(25);
    failOffsets = new Set([10]);
    const result = await client().fetchOpenEvents();
    expect(result.events).toHaveLength(10);
    expect(result.issues).toEqual(['gamma GET /events: HTTP 500: boom (after 2 attempts); stopped paging /events at offset 10']);
  });

  it('reports a body that is not an array instead of throwing', async () => {
    eventsBody = () => ({ data: [] });
    const result = await client().fetchOpenEvents();
    expect(result).toEqual({ events: [], markets: [], issues: ['gamma GET /events: body at offset 0 is not an array; stopped paging'] });
  });

  it('drops an event repeated across pages', async () => {
    events = catalogue(12);
    events.splice(10, 0, events[9]!);
    const result = await client().fetchOpenEvents();
    expect(result.events.map((event) => event.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
  });

  it('fills up to maxMarkets with the events that fit on the page, never splitting one', async () => {
    events = catalogue(6, 2);
    events[0] = gammaEventWire('1', Array.from({ length: 30 }, (_, j) => gammaMarketWire({ id: `1${j}` })));
    const result = await client().fetchOpenEvents({ maxMarkets: 5 });
    expect(result.events.map((event) => event.id)).toEqual(['2', '3']);
    expect(result.markets).toHaveLength(4);
  });

  it('stops at maxMarkets without splitting an event', async () => {
    events = catalogue(30, 2);
    const result = await client().fetchOpenEvents({ maxMarkets: 5 });
    expect(result.events.map((event) => event.id)).toEqual(['1', '2']);
    expect(result.markets).toHaveLength(4);
    expect(venue.requests).toHaveLength(1);
  });

  it('pages /markets by offset with the filters it is given', async () => {
    markets = Array.from({ length: 15 }, (_, i) => gammaMarketWire({ id: String(i + 1) }));
    const result = await client().fetchMarkets({ active: true, closed: false, filters: { order: 'volume24hr', ascending: false } });
    expect(result.markets.map((market) => market.id)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(venue.requests.map((request) => request.query)).toEqual([
      { order: 'volume24hr', ascending: 'false', active: 'true', closed: 'false', limit: '10', offset: '0' },
      { order: 'volume24hr', ascending: 'false', active: 'true', closed: 'false', limit: '10', offset: '10' },
    ]);
  });

  it('follows /markets/keyset cursors to the end', async () => {
    markets = Array.from({ length: 25 }, (_, i) => gammaMarketWire({ id: String(i + 1) }));
    markets[3] = gammaMarketWire({ id: '4' }, { outcomes: '["Yes"]' });
    const result = await client().fetchMarkets({ paging: 'keyset' });
    expect(result.markets).toHaveLength(24);
    expect(result.issues).toEqual(['gamma market 4: clobTokenIds has 2 entries for 1 outcomes']);
    expect(venue.requests.map((request) => [request.path, request.query['after_cursor'] ?? null])).toEqual([
      ['/gamma/markets/keyset', null],
      ['/gamma/markets/keyset', Buffer.from('10').toString('base64url')],
      ['/gamma/markets/keyset', Buffer.from('20').toString('base64url')],
    ]);
  });

  it('stops keyset paging at maxMarkets', async () => {
    markets = Array.from({ length: 25 }, (_, i) => gammaMarketWire({ id: String(i + 1) }));
    const result = await client().fetchMarkets({ paging: 'keyset', maxMarkets: 12 });
    expect(result.markets).toHaveLength(12);
    expect(venue.requests).toHaveLength(2);
  });

  it('refuses a bad page size', () => {
    expect(() => new GammaClient({ baseUrl: venue.url, http, pageSize: 0 })).toThrow('GammaClient pageSize must be a positive integer (got 0)');
  });
});
