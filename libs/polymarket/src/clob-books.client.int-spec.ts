import { ClobBookClient } from './clob-books.client';
import { VenueHttp } from './http/venue-http';
import { type FakeVenue, MemoryVenueCallRecorder, startFakeVenue } from './testing/fake-venue.server';
import { clobBookWire, simpleBookWire } from './testing/venue-payloads';

const tokens = (n: number): string[] => Array.from({ length: n }, (_, i) => `tok${i + 1}`);

describe('ClobBookClient over real HTTP', () => {
  let venue: FakeVenue;
  let http: VenueHttp;
  let recorder: MemoryVenueCallRecorder;
  let respond: (tokenIds: string[]) => { status: number; body: unknown } | 'not-json';

  beforeAll(async () => {
    venue = await startFakeVenue((app) => {
      app.post('/clob/books', (req, res) => {
        const tokenIds = (req.body as { token_id: string }[]).map((entry) => entry.token_id);
        const answer = respond(tokenIds);
        if (answer === 'not-json') return void res.type('application/json').send('[{"market": "0x');
        res.status(answer.status).json(answer.body);
      });
    });
  });

  afterAll(() => venue.close());

  beforeEach(() => {
    venue.requests.length = 0;
    recorder = new MemoryVenueCallRecorder();
    http = new VenueHttp({ timeoutMs: 2_000, maxRetries: 1, recorder, backoff: { initialDelayMs: 1, maxDelayMs: 5 } });
    respond = (tokenIds) => ({ status: 200, body: tokenIds.map((tokenId) => simpleBookWire(tokenId)) });
  });

  afterEach(() => http.close());

  const client = (batchSize = 7): ClobBookClient => new ClobBookClient({ baseUrl: `${venue.url}/clob`, http, batchSize });

  it('fetches 40 books in batches of 7 (6 calls) and normalizes them best-first', async () => {
    const result = await client(7).fetchBooks(tokens(40));
    expect(result.issues).toEqual([]);
    expect(venue.requests.map((request) => (request.body as unknown[]).length).sort()).toEqual([5, 7, 7, 7, 7, 7]);
    expect(venue.requests.flatMap((request) => (request.body as { token_id: string }[]).map((entry) => entry.token_id)).sort()).toEqual(tokens(40).sort());
    expect(result.books.size).toBe(40);
    expect(result.books.get('tok13')).toMatchObject({
      tokenId: 'tok13',
      bids: [
        { price: 0.49, size: 100 },
        { price: 0.48, size: 200 },
      ],
      asks: [
        { price: 0.51, size: 150 },
        { price: 0.52, size: 50 },
      ],
      tickSize: 0.01,
      minOrderSize: 5,
      timestamp: 1728799418260,
    });
    expect(recorder.calls).toHaveLength(6);
    expect(recorder.calls.every((call) => call.ok && call.endpoint === 'clob POST /books')).toBe(true);
  });

  it('asks for each token once', async () => {
    await client(100).fetchBooks(['a', 'b', 'a']);
    expect(venue.requests.map((request) => request.body)).toEqual([[{ token_id: 'a' }, { token_id: 'b' }]]);
  });

  it('makes no call for no tokens', async () => {
    await expect(client().fetchBooks([])).resolves.toEqual({ books: new Map(), issues: [] });
    expect(venue.requests).toHaveLength(0);
  });

  it('reports a batch that keeps failing, naming how many tokens it covered, and keeps the other batches', async () => {
    respond = (tokenIds) => (tokenIds.includes('tok10') ? { status: 500, body: { error: 'db down' } } : { status: 200, body: tokenIds.map((t) => simpleBookWire(t)) });
    const result = await client(7).fetchBooks(tokens(40));
    expect(result.books.size).toBe(33);
    expect(result.books.has('tok10')).toBe(false);
    expect(result.issues).toEqual(['clob POST /books batch 2/6 (7 tokens) failed, no books for its 7 tokens: clob POST /books: HTTP 500: db down (after 2 attempts)']);
    expect(recorder.calls.filter((call) => !call.ok)).toHaveLength(2);
  });

  it('reports a body that is not JSON instead of throwing', async () => {
    respond = () => 'not-json';
    const result = await client(100).fetchBooks(tokens(3));
    expect(result.books.size).toBe(0);
    expect(result.issues).toEqual(['clob POST /books batch 1/1 (3 tokens) failed, no books for its 3 tokens: clob POST /books: HTTP 200 body is not JSON (15 bytes)']);
  });

  it('reports bad books, missing books and stray books, keeping the good ones', async () => {
    respond = () => ({
      status: 200,
      body: [
        simpleBookWire('tok1'),
        clobBookWire('tok2', [{ price: '0.6', size: '1' }], [{ price: '0.5', size: '1' }]),
        simpleBookWire('tok3', { bids: [{ price: 'abc', size: '1' }, { price: '0.4', size: '10' }] }),
        simpleBookWire('stranger'),
        { market: '0x' },
      ],
    });
    const result = await client(100).fetchBooks(tokens(4));
    expect([...result.books.keys()].sort()).toEqual(['tok1', 'tok3']);
    expect(result.books.get('tok3')!.bids).toEqual([{ price: 0.4, size: 10 }]);
    expect(result.issues).toEqual([
      'clob book tok2: crossed book (best bid 0.6 >= best ask 0.5); dropped',
      'clob book tok3: dropped bid level 0 {"price":"abc","size":"1"}: price is not a number in (0,1)',
      'clob POST /books batch 1/1 (4 tokens): ignored a book for token stranger, which was not asked for',
      'clob book #4: asset_id is missing',
      'clob POST /books batch 1/1 (4 tokens): no book returned for 1 of its tokens (first: tok4)',
    ]);
  });

  it('refuses a batch size above the venue maximum', () => {
    expect(() => new ClobBookClient({ baseUrl: venue.url, http, batchSize: 501 })).toThrow('ClobBookClient batchSize must be an integer in 1..500 (got 501)');
  });
});
