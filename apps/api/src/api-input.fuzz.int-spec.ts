import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';
import { routerRoutes, type RouterRoute } from './test/router-routes';

const TOKEN = 'fuzz-token-for-tests-0123456789';
const RUNS = 1200;

/** Ids, path segments, query strings, headers and bodies a careless or hostile client sends. */
const badId = fc.oneof(
  fc.string({ maxLength: 80 }), fc.constant('%00'), fc.constant('..%2F..%2Fetc%2Fpasswd'), fc.constant('\u202e'), fc.constant("1' OR '1'='1"),
  fc.constant('00000000-0000-4000-8000-000000000000'), fc.constant('abc'), fc.string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 1, maxLength: 40 }), fc.constant('a'.repeat(5000)),
);
const badQuery = fc.oneof(
  fc.constant(''), fc.constant('?status=BOGUS'), fc.constant('?limit=-1'), fc.constant('?limit=NaN'), fc.constant('?limit=1e309'), fc.constant('?all=maybe'),
  fc.constant('?since=yesterday'), fc.constant('?since=2026-13-45T00:00:00Z'), fc.constant('?status=PENDING&status=APPROVED'), fc.constant('?__proto__[x]=1'),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 3 }).map((q) => `?${new URLSearchParams(q).toString()}`),
);
const badBody = fc.oneof(
  fc.constant(undefined), fc.constant(''), fc.constant('{'), fc.constant('null'), fc.constant('[]'), fc.constant('"str"'), fc.constant('{"reason": 5}'),
  fc.constant(`{"reason": "${'x'.repeat(600)}"}`), fc.constant('{"__proto__": {"admin": true}}'), fc.constant(`{"reason":"${'y'.repeat(20_000)}"}`),
  fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 }),
);
const authHeader = fc.oneof(
  fc.constant(`Bearer ${TOKEN}`), fc.constant(`Bearer ${TOKEN}`), fc.constant(undefined), fc.constant('Bearer '), fc.constant('Basic Zm9vOmJhcg=='),
  fc.constant(`bearer ${TOKEN.toUpperCase()}`), fc.constant(`Bearer ${TOKEN}x`), fc.string({ maxLength: 40 }),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', undefined);

/**
 * Generated bad requests against every route the router has: nothing crashes, nothing answers 5xx,
 * every refusal carries an `error` message, and no answer leaks a stack trace.
 */
describe(`API input, ${RUNS} generated bad requests (real HTTP, Postgres, Redis)`, () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let routes: RouterRoute[];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: TOKEN });
    await seedPending(api);
    // Bull Board's own UI and the interactive docs answer HTML, not our JSON errors.
    routes = routerRoutes(api.app).filter((r) => !r.path.startsWith('/queues') && !r.path.startsWith('/docs') && r.path !== '/events');
    expect(routes.length).toBeGreaterThan(8);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('never answers 5xx, always explains a refusal, never leaks internals', async () => {
    const request = fc.record({ route: fc.constantFrom(...routes), id: badId, query: badQuery, body: badBody, auth: authHeader, type: contentType });
    const samples = fc.sample(request, { numRuns: RUNS, seed: 20261127 });
    const failures: string[] = [];
    for (let i = 0; i < samples.length; i += 20) {
      await Promise.all(
        samples.slice(i, i + 20).map(async ({ route, id, query, body, auth, type }) => {
          const path = route.path.replace(/:[A-Za-z_]+/g, encodeURIComponent(id)) + query;
          const headers: Record<string, string> = {};
          if (auth !== undefined) headers.authorization = auth;
          if (type !== undefined) headers['content-type'] = type;
          const answer = await call(api.baseUrl, path, { method: route.method, headers, body: route.method === 'GET' || route.method === 'HEAD' ? undefined : body });
          const where = `${route.method} ${path.slice(0, 80)}`;
          if (answer.status >= 500) failures.push(`${where} -> ${answer.status} ${answer.text.slice(0, 120)}`);
          if (answer.status >= 400 && typeof (answer.body as { error?: unknown } | null)?.error !== 'string') failures.push(`${where} -> ${answer.status} without an error message: ${answer.text.slice(0, 120)}`);
          if (/\n\s+at .+\(.+:\d+:\d+\)|node_modules|QueryFailedError/.test(answer.text)) failures.push(`${where} leaked internals`);
        }),
      );
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // The API is still healthy afterwards.
    expect((await call(api.baseUrl, '/health')).status).toBe(200);
  }, 120_000);
});
