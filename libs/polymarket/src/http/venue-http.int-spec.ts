import { type FakeVenue, MemoryVenueCallRecorder, startFakeVenue } from '../testing/fake-venue.server';
import { VenueHttpError, VenueNetworkError, VenueResponseError } from './venue-errors';
import { VenueHttp, type VenueHttpOptions } from './venue-http';

const FAST_BACKOFF = { initialDelayMs: 5, maxDelayMs: 20 };

describe('VenueHttp over real HTTP', () => {
  let venue: FakeVenue;
  let recorder: MemoryVenueCallRecorder;
  let http: VenueHttp;
  const counters = new Map<string, number>();
  const hit = (key: string): number => {
    const count = (counters.get(key) ?? 0) + 1;
    counters.set(key, count);
    return count;
  };

  beforeAll(async () => {
    venue = await startFakeVenue((app) => {
      app.get('/flaky-500', (_req, res) => {
        if (hit('flaky-500') === 1) res.status(500).json({ error: 'upstream hiccup' });
        else res.json({ fine: true });
      });
      app.get('/rate-limited', (_req, res) => {
        if (hit('rate-limited') === 1) res.status(429).set('Retry-After', '1').json({ error: 'Too Many Requests' });
        else res.json({ fine: true });
      });
      app.get('/rate-limited-long', (_req, res) => {
        res.status(429).set('Retry-After', '3600').json({ error: 'Too Many Requests' });
      });
      app.get('/always-503', (_req, res) => {
        res.status(503).send('<html>Service Unavailable</html>');
      });
      app.get('/not-found', (_req, res) => {
        res.status(404).json({ error: 'market not found' });
      });
      app.get('/html', (_req, res) => {
        res.status(200).type('text/html').send('<html>maintenance</html>');
      });
      app.get('/slow', (_req, res) => {
        setTimeout(() => res.json({ late: true }), 400);
      });
      app.post('/echo', (req, res) => {
        res.json({ got: req.body as unknown });
      });
      app.get('/concurrency', (_req, res) => {
        const now = hit('in-flight');
        counters.set('max-in-flight', Math.max(counters.get('max-in-flight') ?? 0, now - (counters.get('done') ?? 0)));
        setTimeout(() => {
          hit('done');
          res.json({});
        }, 30);
      });
    });
  });

  afterAll(async () => {
    await venue.close();
  });

  beforeEach(() => {
    counters.clear();
    venue.requests.length = 0;
    recorder = new MemoryVenueCallRecorder();
  });

  afterEach(async () => {
    await http?.close();
  });

  function makeHttp(overrides: Partial<VenueHttpOptions> = {}): VenueHttp {
    http = new VenueHttp({ timeoutMs: 2_000, maxRetries: 2, recorder, backoff: FAST_BACKOFF, ...overrides });
    return http;
  }

  it('GETs JSON with the query string and POSTs a JSON body', async () => {
    makeHttp();
    await expect(http.postJson('clob', venue.url, '/echo', [{ token_id: '1' }])).resolves.toEqual({ got: [{ token_id: '1' }] });
    expect(venue.requests[0]).toMatchObject({ method: 'POST', path: '/echo', body: [{ token_id: '1' }] });
    expect(recorder.calls).toEqual([{ endpoint: 'clob POST /echo', ok: true, status: 200, durationMs: expect.any(Number) }]);
  });

  it('retries a 500 and returns the answer that follows; the recorder sees both attempts', async () => {
    makeHttp();
    await expect(http.getJson('gamma', venue.url, '/flaky-500')).resolves.toEqual({ fine: true });
    expect(recorder.summary()).toEqual(['gamma GET /flaky-500 failed 500', 'gamma GET /flaky-500 ok 200']);
    expect(recorder.calls[0]!.error).toBe('HTTP 500: upstream hiccup');
  });

  it('waits at least Retry-After seconds after a 429 before trying again', async () => {
    makeHttp();
    await expect(http.getJson('clob', venue.url, '/rate-limited')).resolves.toEqual({ fine: true });
    expect(recorder.summary()).toEqual(['clob GET /rate-limited failed 429', 'clob GET /rate-limited ok 200']);
    const [first, second] = venue.requests;
    // Backoff alone would wait under 20 ms here; only Retry-After explains a full second.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000 - 5);
  });

  it('gives up at once on a 429 whose Retry-After is longer than it may wait', async () => {
    makeHttp();
    const error = await http.getJson('clob', venue.url, '/rate-limited-long').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueHttpError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, attempts: 1 });
    expect(venue.requests).toHaveLength(1);
  });

  it('throws after maxRetries + 1 attempts of a persistent 5xx, every attempt recorded as failed', async () => {
    makeHttp({ maxRetries: 3 });
    const error = await http.getJson('gamma', venue.url, '/always-503').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueHttpError);
    expect((error as Error).message).toBe('gamma GET /always-503: HTTP 503 (after 4 attempts)');
    expect(recorder.summary()).toEqual(Array(4).fill('gamma GET /always-503 failed 503'));
  });

  it('does not retry other 4xx', async () => {
    makeHttp();
    const error = await http.getJson('clob', venue.url, '/not-found').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'VenueHttpError', status: 404, message: 'clob GET /not-found: HTTP 404: market not found' });
    expect(venue.requests).toHaveLength(1);
    expect(recorder.summary()).toEqual(['clob GET /not-found failed 404']);
  });

  it('turns a 200 that is not JSON into a VenueResponseError, recorded as a failed call, without retrying', async () => {
    makeHttp();
    const error = await http.getJson('gamma', venue.url, '/html').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueResponseError);
    expect((error as Error).message).toBe('gamma GET /html: HTTP 200 body is not JSON (24 bytes)');
    expect(recorder.summary()).toEqual(['gamma GET /html failed 200']);
  });

  it('times an attempt out, retries, then throws a timeout error', async () => {
    makeHttp({ timeoutMs: 50, maxRetries: 1 });
    const error = await http.getJson('clob', venue.url, '/slow').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueNetworkError);
    expect(error).toMatchObject({ timedOut: true, status: null, message: 'clob GET /slow: timed out after 50 ms (after 2 attempts)' });
    expect(recorder.calls.map((call) => [call.ok, call.status, call.error])).toEqual([
      [false, null, 'timed out after 50 ms'],
      [false, null, 'timed out after 50 ms'],
    ]);
  });

  it('reports a refused connection as a network error naming the endpoint, not the host', async () => {
    const closed = await startFakeVenue(() => undefined);
    await closed.close();
    makeHttp({ maxRetries: 1 });
    const error = await http.getJson('gamma', closed.url, '/events').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VenueNetworkError);
    expect((error as Error).message).toBe('gamma GET /events: network error (ECONNREFUSED) (after 2 attempts)');
    expect((error as Error).message).not.toContain('127.0.0.1');
    expect(recorder.summary()).toEqual(['gamma GET /events failed -', 'gamma GET /events failed -']);
  });

  it('holds calls beyond the per-window budget of their route', async () => {
    makeHttp({ limits: { gamma: { routes: { '/concurrency': { maxPerWindow: 2, windowMs: 60_000 } } } } });
    const calls = [1, 2, 3].map(() => http.getJson('gamma', venue.url, '/concurrency'));
    await Promise.all(calls.slice(0, 2));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(venue.requests).toHaveLength(2);
    void calls[2]!.catch(() => undefined);
  });

  it('keeps at most maxConcurrent calls of a route in flight', async () => {
    makeHttp({ limits: { clob: { routes: { '/concurrency': { maxPerWindow: 100, windowMs: 10_000, maxConcurrent: 1 } } } } });
    await Promise.all([1, 2, 3, 4].map(() => http.getJson('clob', venue.url, '/concurrency')));
    expect(counters.get('max-in-flight')).toBe(1);
  });

  it('spends the family budget for routes without a limit of their own', async () => {
    makeHttp({ limits: { clob: { overall: { maxPerWindow: 1, windowMs: 60_000 } } } });
    const first = http.getJson('clob', venue.url, '/echo-missing').catch(() => undefined);
    const second = http.getJson('clob', venue.url, '/other-missing').catch(() => undefined);
    await first;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(venue.requests.map((request) => request.path)).toEqual(['/echo-missing']);
    void second;
  });

  it('refuses bad settings with a message naming them', () => {
    expect(() => new VenueHttp({ timeoutMs: 0, maxRetries: 1, recorder: new MemoryVenueCallRecorder() })).toThrow('VenueHttp timeoutMs must be a positive integer (got 0)');
    expect(() => new VenueHttp({ timeoutMs: 10, maxRetries: -1, recorder: new MemoryVenueCallRecorder() })).toThrow('VenueHttp maxRetries must be a non-negative integer (got -1)');
  });
});
