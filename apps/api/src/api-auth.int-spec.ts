import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { isOpenRoute, UNAUTHORIZED_MESSAGE } from './api-auth.middleware';
import { QUEUE_BOARD_PATH } from './queue-board';
import { call, seedPending, startApi, type ApiHarness } from './test/api-test.harness';
import { openApiPath, routerRoutes, samplePath, type RouterRoute } from './test/router-routes';

const SECRET = `s3cret-${randomBytes(6).toString('hex')}`;
const auth = { authorization: `Bearer ${SECRET}` };

describe('API bearer token on every route, generated from the router', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let routes: RouterRoute[];

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: `alice:${SECRET}` });
    routes = routerRoutes(api.app);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('finds the routes of every surface (a guard against an empty list proving nothing)', () => {
    const paths = routes.map((route) => `${route.method} ${route.path}`);
    expect(paths).toEqual(expect.arrayContaining([
      'GET /intents', 'POST /intents/:id/approve', 'POST /kill-switches/:name/clear', 'GET /status', 'GET /report',
      'GET /universe', 'GET /health', 'GET /metrics', 'GET /events', 'GET /docs', 'GET /docs-json', `GET ${QUEUE_BOARD_PATH}`,
    ]));
  });

  it('refuses every route but GET /health, GET /metrics and the page at / without the token: 401 { error }', async () => {
    for (const route of routes.filter((r) => !isOpenRoute(r.method, r.path))) {
      const answer = await call(api.baseUrl, samplePath(route.path), { method: route.method });
      expect({ route, status: answer.status, body: answer.body }).toEqual({ route, status: 401, body: { error: UNAUTHORIZED_MESSAGE } });
    }
  });

  it('refuses a wrong token on every route, the open ones included, and never echoes it', async () => {
    for (const wrong of [`Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, `Bearer alice:${SECRET}`, `Basic ${SECRET}`]) {
      for (const route of routes) {
        const answer = await call(api.baseUrl, samplePath(route.path), { method: route.method, headers: { authorization: wrong } });
        expect({ route, wrong, status: answer.status }).toEqual({ route, wrong, status: 401 });
        expect(answer.text).not.toContain(SECRET);
      }
    }
  });

  it('answers the open routes without a token', async () => {
    expect((await call(api.baseUrl, '/health')).status).toBe(200);
    expect((await call(api.baseUrl, '/metrics')).status).toBe(200);
    expect((await call(api.baseUrl, '/')).status).toBe(200);
  });

  it('lets the right token through, sends no CORS header and no stack trace', async () => {
    for (const path of ['/intents', '/status', '/kill-switches', '/docs-json', '/intents/not-an-id!']) {
      const answer = await fetch(`${api.baseUrl}${path}`, { headers: { ...auth, origin: 'https://evil.example' } });
      const text = await answer.text();
      expect({ path, status: answer.status === 401 ? 401 : 'not 401' }).toEqual({ path, status: 'not 401' });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(text).not.toMatch(/\n\s+at |node_modules/);
    }
  });

  it('records the approver as api:<token name>', async () => {
    const id = await seedPending(api);
    const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST', headers: auth });
    expect(approved).toMatchObject({ status: 200, body: { id, status: 'APPROVED', decided_by: 'api:alice' } });
    expect((await api.intents.findById(id))?.decidedBy).toBe('api:alice');
  });

  it('serves Bull Board at /queues with every queue of the registry: 200 with the token, 401 without', async () => {
    expect((await call(api.baseUrl, QUEUE_BOARD_PATH)).status).toBe(401);
    const page = await call(api.baseUrl, QUEUE_BOARD_PATH, { headers: auth });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>polyb0t queues</title>');
    const queues = await call(api.baseUrl, `${QUEUE_BOARD_PATH}/api/queues`, { headers: auth });
    expect(queues.status).toBe(200);
    const names = (queues.body as { queues: { name: string; readOnlyMode: boolean }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['approved-intents', 'dead-letter', 'signals', 'snapshots-risk', 'snapshots-strategy']);
    expect((await call(api.baseUrl, `${QUEUE_BOARD_PATH}/api/queues`)).status).toBe(401);
  });

  it('publishes an OpenAPI document at /docs-json listing every route the router has, and the docs page at /docs', async () => {
    const doc = (await call(api.baseUrl, '/docs-json', { headers: auth })).body as { paths: Record<string, Record<string, unknown>> };
    // The docs' own pages and assets are the only routes it does not describe.
    const described = routes.filter((route) => !route.path.startsWith('/docs'));
    for (const route of described) {
      expect({ route, documented: doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()] !== undefined }).toEqual({ route, documented: true });
    }
    const approve = doc.paths['/intents/{id}/approve'].post as { parameters: { name: string; in: string }[]; responses: Record<string, unknown> };
    expect(approve.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
    expect(Object.keys(approve.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(JSON.stringify(approve.responses['200'])).toContain('IntentDto');
    const docsPage = await call(api.baseUrl, '/docs', { headers: auth });
    expect(docsPage.status).toBe(200);
    expect(docsPage.text).toContain('swagger-ui');
  });
});

describe('API without a token', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('refuses to start on a host other machines can reach, saying why', async () => {
    await expect(startApi(db, { POLYBOT_API_HOST: '0.0.0.0' })).rejects.toThrow(
      'POLYBOT_API_HOST=0.0.0.0 is reachable from other machines but POLYBOT_API_TOKEN is not set',
    );
  });

  it('starts on loopback, open to every route, and records the approver as api', async () => {
    const api = await startApi(db);
    try {
      expect((await call(api.baseUrl, '/status')).status).toBe(200);
      const id = await seedPending(api);
      const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' });
      expect(approved).toMatchObject({ status: 200, body: { decided_by: 'api' } });
    } finally {
      await api.close();
    }
  });
});
