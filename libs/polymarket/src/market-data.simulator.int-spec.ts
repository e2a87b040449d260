import type { OrderBook } from '@polybot/domain';
import { type RunningSimulator, startSimulator } from '@polybot/simulator';
import { compactBook, type CompactBook } from './book/compact-book';
import type { BookResync } from './stream/local-books.store';
import { ClobBookClient } from './clob-books.client';
import { GammaClient } from './gamma.client';
import { VenueHttp } from './http/venue-http';
import { createMarketDataStack, type MarketDataSourceConfig, type MarketDataStack } from './market-data-source.factory';
import { MemoryVenueCallRecorder } from './testing/fake-venue.server';

/** Against the local Polymarket simulator: real routes, real wire shapes, scripted faults. */
describe('market data against the simulator', () => {
  let sim: RunningSimulator;
  let recorder: MemoryVenueCallRecorder;
  let stack: MarketDataStack;
  let openHttp: VenueHttp[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7, events: 24, tickIntervalMs: 0 });
  });

  afterAll(() => sim.close());

  beforeEach(() => {
    sim.reset();
    recorder = new MemoryVenueCallRecorder();
  });

  afterEach(async () => {
    await Promise.all(openHttp.map((http) => http.close()));
    openHttp = [];
  });

  function plainHttp(): VenueHttp {
    const http = new VenueHttp({ timeoutMs: 2_000, maxRetries: 0, recorder });
    openHttp.push(http);
    return http;
  }

  function makeStack(overrides: Partial<MarketDataSourceConfig> = {}): MarketDataStack {
    stack = createMarketDataStack({
      gammaUrl: sim.gammaUrl,
      clobUrl: sim.clobUrl,
      timeoutMs: 2_000,
      maxRetries: 2,
      booksBatchSize: 7,
      gammaPageSize: 5,
      recorder,
      backoff: { initialDelayMs: 5, maxDelayMs: 20 },
      ...overrides,
    });
    openHttp.push(stack.http);
    return stack;
  }

  async function allOpenEventIds(): Promise<string[]> {
    const response = await fetch(`${sim.gammaUrl}/events?active=true&closed=false&limit=500`);
    return ((await response.json()) as { id: string }[]).map((event) => event.id);
  }

  function bookableTokens(): string[] {
    return [...sim.world.markets.values()].filter((m) => m.active && !m.closed).flatMap((m) => [...m.tokenIds]);
  }

  it('reads over REST only the books the stream does not keep live', async () => {
    const tokens = bookableTokens();
    const live = new Set(tokens.slice(3));
    const liveBook = (tokenId: string): OrderBook | undefined =>
      live.has(tokenId)
        ? { tokenId, conditionId: '', bids: [{ price: 0.11, size: 100 }], asks: [{ price: 0.89, size: 100 }], tickSize: 0, minOrderSize: 0, negRisk: false, timestamp: 1, lastTradePrice: null }
        : undefined;
    const liveBooks = {
      isLive: (tokenId: string) => live.has(tokenId),
      compactBook: (tokenId: string) => {
        const book = liveBook(tokenId);
        return book && compactBook(book);
      },
      resyncBook: (): BookResync => {
        throw new Error('only a full re-sync hands books to the stream');
      },
    };
    sim.resetRequests();
    const cycle = await makeStack().source.fetchCycle({ liveBooks });
    expect(cycle.issues).toEqual([]);
    expect(cycle.stats).toMatchObject({ tokens: tokens.length, books: tokens.length, restBooks: 3, resyncedBooks: null });
    expect(sim.requests()['POST /clob/books']).toBe(1);
    const quotes = new Map(cycle.events.flatMap((event) => event.markets).flatMap((market) => market.tokens).map((token) => [token.tokenId, token]));
    for (const tokenId of live) expect(quotes.get(tokenId)).toMatchObject({ bestBid: 0.11, bestAsk: 0.89 });
    for (const tokenId of tokens.slice(0, 3)) expect(quotes.get(tokenId)?.bestBid).not.toBe(0.11);
  });

  it('on a full re-sync reads every book over REST and quotes each from the book the stream keeps after comparing', async () => {
    const tokens = bookableTokens();
    // The stream holds a newer book for the first token (kept), an equal one for the second, none for the rest.
    const newer = compactBook({ tokenId: tokens[0]!, conditionId: '', bids: [{ price: 0.12, size: 100 }], asks: [{ price: 0.88, size: 100 }], tickSize: 0.01, minOrderSize: 5, negRisk: false, timestamp: Number.MAX_SAFE_INTEGER, lastTradePrice: null });
    const handed: string[] = [];
    const liveBooks = {
      isLive: () => true,
      compactBook: (tokenId: string) => (tokenId === tokens[0] ? newer : undefined),
      resyncBook: (tokenId: string, rest: CompactBook): BookResync => {
        handed.push(tokenId);
        if (tokenId === tokens[0]) return { book: newer, outcome: 'newer_locally' };
        return { book: rest, outcome: tokenId === tokens[1] ? 'matched' : 'not_held' };
      },
    };
    sim.resetRequests();
    const cycle = await makeStack().source.fetchCycle({ liveBooks, resyncBooks: true });
    expect(cycle.issues).toEqual([]);
    expect(handed.sort()).toEqual([...tokens].sort());
    expect(cycle.stats).toMatchObject({ tokens: tokens.length, books: tokens.length, restBooks: tokens.length });
    expect(cycle.stats.resyncedBooks).toEqual({ matched: 1, corrected: 0, newer_locally: 1, not_held: tokens.length - 2 });
    const quotes = new Map(cycle.events.flatMap((event) => event.markets).flatMap((market) => market.tokens).map((token) => [token.tokenId, token]));
    expect(quotes.get(tokens[0]!)).toMatchObject({ bestBid: 0.12, bestAsk: 0.88 });
    expect(quotes.get(tokens[1]!)?.bestBid).not.toBe(0.12);
  });

  it('fetches every page of open events and a book for every tradable token', async () => {
    const expectedEvents = await allOpenEventIds();
    sim.resetRequests();
    const cycle = await makeStack().source.fetchCycle();
    expect(cycle.issues).toEqual([]);
    expect(cycle.events.map((event) => event.eventId).sort()).toEqual([...expectedEvents].sort());
    const eventPages = Math.floor(expectedEvents.length / 5) + 1;
    // Pages are requested 4 ahead (the default): up to 3 past the short last page are wasted.
    expect(sim.requests()['GET /gamma/events']).toBeGreaterThanOrEqual(eventPages);
    expect(sim.requests()['GET /gamma/events']).toBeLessThanOrEqual(eventPages + 3);

    const tokens = cycle.events.flatMap((e) => e.markets).filter((m) => m.active && !m.closed).flatMap((m) => m.tokens.map((t) => t.tokenId));
    expect(cycle.stats.tokens).toBe(tokens.length);
    expect(cycle.stats.books).toBe(tokens.length);
    expect(sim.requests()['POST /clob/books']).toBe(Math.ceil(tokens.length / 7));
    expect(recorder.calls.every((call) => call.ok)).toBe(true);
    // Every request is recorded, the pages requested ahead of the end too.
    expect(recorder.calls).toHaveLength(sim.requests()['GET /gamma/events'] + Math.ceil(tokens.length / 7));
  });

  it('quotes each token from its simulator book, best level first', async () => {
    const cycle = await makeStack().source.fetchCycle();
    const market = cycle.events.flatMap((e) => e.markets).find((m) => m.active && !m.closed)!;
    const wire = (await (await fetch(`${sim.clobUrl}/book?token_id=${market.tokens[0]!.tokenId}`)).json()) as { bids: { price: string }[]; asks: { price: string }[]; tick_size: string };
    expect(market.tokens[0]!.bestBid).toBe(Number(wire.bids[wire.bids.length - 1]!.price));
    expect(market.tokens[0]!.bestAsk).toBe(Number(wire.asks[wire.asks.length - 1]!.price));
    expect(market.tickSize).toBe(Number(wire.tick_size));
  });

  it('leaves closed markets unquoted and never asks for their books', async () => {
    const event = [...sim.world.events.values()].find((e) => sim.world.marketsOf(e).length >= 2)!;
    const resolved = sim.world.marketsOf(event)[0]!;
    sim.resolveMarket(resolved.conditionId, 0);
    const cycle = await makeStack({ booksBatchSize: 500 }).source.fetchCycle();
    const markets = cycle.events.flatMap((e) => e.markets);
    const closed = markets.filter((m) => m.closed);
    expect(closed.map((m) => m.marketId)).toContain(resolved.id);
    expect(closed.every((m) => m.tokens.every((t) => t.bookTimestamp === null && t.bestBid === null))).toBe(true);
    const open = markets.filter((m) => m.active && !m.closed && m.enableOrderBook);
    expect(cycle.stats.tokens).toBe(open.length * 2);
    expect(open.every((m) => m.tokens.every((t) => t.bookTimestamp !== null))).toBe(true);
  });

  it('keeps a watched market in the cycle after it resolves and leaves the open catalogue', async () => {
    const event = [...sim.world.events.values()].find((e) => !e.negRisk && sim.world.marketsOf(e).length === 1)!;
    const resolved = sim.world.marketsOf(event)[0]!;
    sim.resolveMarket(resolved.conditionId, 0);
    expect(await allOpenEventIds()).not.toContain(event.id);
    const unwatched = await makeStack({ booksBatchSize: 500 }).source.fetchCycle();
    expect(unwatched.events.flatMap((e) => e.markets).map((m) => m.conditionId)).not.toContain(resolved.conditionId);

    const openHeld = unwatched.events.flatMap((e) => e.markets).find((m) => m.active && !m.closed)!;
    sim.resetRequests();
    const cycle = await makeStack({ booksBatchSize: 500 }).source.fetchCycle({ watchConditionIds: [resolved.conditionId, openHeld.conditionId] });
    expect(cycle.issues).toEqual([]);
    const watched = cycle.events.flatMap((e) => e.markets).filter((m) => m.conditionId === resolved.conditionId);
    expect(watched).toHaveLength(1);
    expect(watched[0]).toMatchObject({ marketId: resolved.id, eventId: event.id, closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', outcomePrices: [1, 0] });
    expect(watched[0]!.tokens.every((t) => t.bookTimestamp === null && t.bestBid === null && t.bestAsk === null)).toBe(true);
    expect(cycle.stats).toMatchObject({ watchedMarkets: 1, markets: unwatched.stats.markets + 1, tokens: unwatched.stats.tokens });
    // Every held market is asked for in one /markets call (which are open is known only at the last
    // page); the open one is taken from the catalogue, once.
    expect(sim.requests()['GET /gamma/markets']).toBe(1);
    expect(cycle.events.flatMap((e) => e.markets).filter((m) => m.conditionId === openHeld.conditionId)).toHaveLength(1);
  });

  it('quotes a watched market that is open but outside the capped catalogue', async () => {
    const capped = await makeStack({ booksBatchSize: 500 }).source.fetchCycle({ maxMarkets: 3 });
    const inCatalogue = new Set(capped.events.flatMap((e) => e.markets).map((m) => m.conditionId));
    const outside = [...sim.world.markets.values()].find((m) => m.active && !m.closed && !inCatalogue.has(m.conditionId))!;
    const cycle = await makeStack({ booksBatchSize: 500 }).source.fetchCycle({ maxMarkets: 3, watchConditionIds: [outside.conditionId] });
    expect(cycle.issues).toEqual([]);
    const watched = cycle.events.flatMap((e) => e.markets).find((m) => m.conditionId === outside.conditionId)!;
    expect(watched).toMatchObject({ closed: false, umaResolutionStatus: null });
    expect(watched.tokens.every((t) => t.bookTimestamp !== null && t.bestBid !== null && t.bestAsk !== null)).toBe(true);
    expect(cycle.stats).toMatchObject({ watchedMarkets: 1, tokens: capped.stats.tokens + 2 });
  });

  it('batches books: batch size 7 over 40 tokens makes 6 calls', async () => {
    const http = plainHttp();
    const tokens = bookableTokens().slice(0, 40);
    expect(tokens).toHaveLength(40);
    const result = await new ClobBookClient({ baseUrl: sim.clobUrl, http, batchSize: 7 }).fetchBooks(tokens);
    expect(result.issues).toEqual([]);
    expect(result.books.size).toBe(40);
    expect(sim.requests()['POST /clob/books']).toBe(6);
  });

  it('waits out a 429 with Retry-After and then succeeds', async () => {
    sim.addFault({ route: '/clob/books', kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    const cycle = await makeStack({ booksBatchSize: 500 }).source.fetchCycle();
    expect(cycle.issues).toEqual([]);
    const books = recorder.calls.filter((call) => call.endpoint === 'clob POST /books');
    expect(books.map((call) => [call.ok, call.status])).toEqual([
      [false, 429],
      [true, 200],
    ]);
  });

  it('retries a 500 and then succeeds', async () => {
    sim.addFault({ route: '/gamma/events', kind: 'status', status: 500, times: 1 });
    const cycle = await makeStack().source.fetchCycle();
    expect(cycle.issues).toEqual([]);
    expect(cycle.events.length).toBe((await allOpenEventIds()).length);
    const gamma = recorder.calls.filter((call) => call.endpoint === 'gamma GET /events');
    expect(gamma[0]).toMatchObject({ ok: false, status: 500 });
    expect(gamma.slice(1).every((call) => call.ok)).toBe(true);
  });

  it('reports a persistent 500 on books as one issue per batch, and still returns the events', async () => {
    sim.addFault({ route: '/clob/books', kind: 'status', status: 500 });
    const cycle = await makeStack({ maxRetries: 1 }).source.fetchCycle();
    const batches = Math.ceil(cycle.stats.tokens / 7);
    expect(cycle.issues).toHaveLength(batches);
    expect(cycle.issues[0]).toMatch(/^clob POST \/books batch \d+\/\d+ \(\d+ tokens\) failed, no books for its \d+ tokens: clob POST \/books: HTTP 500: Simulated error 500 \(after 2 attempts\)$/);
    expect(cycle.stats.books).toBe(0);
    expect(cycle.events.length).toBeGreaterThan(0);
    expect(cycle.events.flatMap((e) => e.markets).every((m) => m.tokens.every((t) => t.bestBid === null))).toBe(true);
    const books = recorder.calls.filter((call) => call.endpoint === 'clob POST /books');
    expect(books).toHaveLength(batches * 2);
    expect(books.every((call) => !call.ok && call.status === 500)).toBe(true);
  });

  it('reports malformed JSON from Gamma as an issue instead of throwing', async () => {
    sim.addFault({ route: '/gamma/events', kind: 'malformed', times: 1 });
    const cycle = await makeStack().source.fetchCycle();
    expect(cycle.events).toEqual([]);
    expect(cycle.issues).toEqual([expect.stringMatching(/^gamma GET \/events: HTTP 200 body is not JSON \(\d+ bytes\); stopped paging \/events at offset 0$/)]);
    expect(recorder.calls).toEqual([expect.objectContaining({ endpoint: 'gamma GET /events', ok: false, status: 200 })]);
  });

  it('reports books with the wrong field types one by one instead of throwing', async () => {
    sim.addFault({ route: '/clob/books', kind: 'malformed', malformed: 'wrong-types' });
    const cycle = await makeStack({ booksBatchSize: 500 }).source.fetchCycle();
    expect(cycle.stats.books).toBe(0);
    // Numeric-looking strings (the 0x condition id, token ids) arrive as numbers.
    const bookIssues = cycle.issues.filter((issue) => /^clob book \S+: \w+ is not a string \(got number\)$/.test(issue));
    expect(bookIssues).toHaveLength(cycle.stats.tokens);
    expect(cycle.issues.filter((issue) => !bookIssues.includes(issue))).toEqual([
      expect.stringContaining(`clob POST /books batch 1/1 (${cycle.stats.tokens} tokens): no book returned for ${cycle.stats.tokens} of its tokens`),
    ]);
  });

  it('times out, retries, and then reports the batch as an issue', async () => {
    sim.addFault({ route: '/clob/books', kind: 'timeout' });
    const cycle = await makeStack({ timeoutMs: 100, maxRetries: 1, booksBatchSize: 500 }).source.fetchCycle();
    expect(cycle.issues).toEqual([expect.stringMatching(/^clob POST \/books batch 1\/1 \(\d+ tokens\) failed, no books for its \d+ tokens: clob POST \/books: timed out after 100 ms \(after 2 attempts\)$/)]);
    const books = recorder.calls.filter((call) => call.endpoint === 'clob POST /books');
    expect(books.map((call) => [call.ok, call.status])).toEqual([
      [false, null],
      [false, null],
    ]);
  });

  it('pages /markets and /markets/keyset to the same catalogue', async () => {
    const http = plainHttp();
    const gamma = new GammaClient({ baseUrl: sim.gammaUrl, http, pageSize: 9 });
    const byOffset = await gamma.fetchMarkets({ active: true, closed: false });
    const byKeyset = await gamma.fetchMarkets({ paging: 'keyset', active: true, closed: false });
    expect(byOffset.issues).toEqual([]);
    expect(byKeyset.issues).toEqual([]);
    expect(byKeyset.markets.map((m) => m.id)).toEqual(byOffset.markets.map((m) => m.id));
    expect(byOffset.markets.length).toBe([...sim.world.markets.values()].filter((m) => m.active && !m.closed).length);
    expect(byOffset.markets.every((m) => m.event !== null)).toBe(true);
  });

  it('sees an injected neg-risk mispricing with the numbers the scenario promises', async () => {
    const scenario = sim.injectMispricing();
    const cycle = await makeStack().source.fetchCycle();
    const event = cycle.events.find((e) => e.eventId === scenario.eventId)!;
    expect(event.negRisk).toBe(true);
    expect(event.markets.map((m) => m.marketId)).toEqual(scenario.marketIds);
    const yes = event.markets.flatMap((m) => m.tokens).find((t) => t.tokenId === scenario.expected.tokenId)!;
    expect(yes.bestAsk).toBe(scenario.expected.ask);
  });
});
