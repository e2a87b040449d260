import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { answerOf, call, seedPending, startApi, type ApiHarness, type HttpAnswer } from './test/api-test.harness';

const EVIL = 'https://evil.example';
// What a form on another site sends: a "simple" request, so the browser does not ask first.
const formPost = (headers: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: '',
});

/** fetch() always sends the Host it connects to; node:http sends the one given, as a rebound name would. */
function callWithHost(baseUrl: string, path: string, host: string, method = 'GET', headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers: { ...headers, host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(answerOf(res.statusCode ?? 0, text)));
    });
    req.on('error', reject).end();
  });
}

async function isTripped(api: ApiHarness, name: string): Promise<boolean | undefined> {
  return (await api.app.get(KillSwitchRepository).list()).find((state) => state.name === name)?.tripped;
}

async function tripDailyLoss(api: ApiHarness): Promise<void> {
  await api.app.get(KillSwitchRepository).trip('DAILY_LOSS', 12, 10, 'DAILY_LOSS: test', 'test', new Date());
}

// A tripped switch halts approvals, so each case starts with it clear.
async function clearDailyLoss(api: ApiHarness): Promise<void> {
  if (await isTripped(api, 'DAILY_LOSS')) await api.app.get(KillSwitchRepository).clear('DAILY_LOSS', 'test', new Date());
}

describe('API without a token: writes from other web sites, and rebound host names', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let ownOrigin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db);
    ownOrigin = api.baseUrl;
  });

  beforeEach(() => clearDailyLoss(api));

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('refuses a foreign Origin clearing a kill switch: 403 naming why, and the switch stays tripped', async () => {
    await tripDailyLoss(api);
    const answer = await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', formPost({ origin: EVIL }));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: expect.stringContaining(`Origin "${EVIL}" is not this API's own`) });
    expect(await isTripped(api, 'DAILY_LOSS')).toBe(true);
  });

  it('refuses a foreign Origin approving by id prefix, and the intent stays PENDING', async () => {
    const id = await seedPending(api);
    const answer = await call(api.baseUrl, `/intents/${id.slice(0, 8)}/approve`, formPost({ origin: EVIL }));
    expect(answer.status).toBe(403);
    expect((await api.intents.findById(id))?.status).toBe('PENDING');
  });

  it('refuses Origin "null" (a sandboxed frame) and, without an Origin, a cross-site Sec-Fetch-Site', async () => {
    await tripDailyLoss(api);
    expect((await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', formPost({ origin: 'null' }))).status).toBe(403);
    const fetchSite = await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', formPost({ 'sec-fetch-site': 'cross-site' }));
    expect(fetchSite).toMatchObject({ status: 403, body: { error: expect.stringContaining('Sec-Fetch-Site is "cross-site"') } });
    expect(await isTripped(api, 'DAILY_LOSS')).toBe(true);
  });

  it("accepts the API's own page: same-origin Origin and Sec-Fetch-Site", async () => {
    const id = await seedPending(api);
    const approved = await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST', headers: { origin: ownOrigin, 'sec-fetch-site': 'same-origin' } });
    expect(approved).toMatchObject({ status: 200, body: { id, status: 'APPROVED' } });
    await tripDailyLoss(api);
    const cleared = await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', { method: 'POST', headers: { origin: ownOrigin } });
    expect(cleared).toMatchObject({ status: 200, body: { name: 'DAILY_LOSS', tripped: false } });
  });

  it('accepts a client that sends no Origin (curl -X POST .../approve, no body)', async () => {
    const id = await seedPending(api);
    expect(await call(api.baseUrl, `/intents/${id}/approve`, { method: 'POST' })).toMatchObject({ status: 200, body: { status: 'APPROVED' } });
    await tripDailyLoss(api);
    expect(await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', { method: 'POST' })).toMatchObject({ status: 200, body: { tripped: false } });
  });

  it('leaves reads from a foreign Origin alone (no CORS header, so the page cannot read them)', async () => {
    for (const path of ['/intents', '/kill-switches', '/status', '/']) {
      const answer = await fetch(`${api.baseUrl}${path}`, { headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses a non-loopback Host (DNS rebinding), reads and writes alike, even when Origin matches it', async () => {
    await tripDailyLoss(api);
    const port = new URL(api.baseUrl).port;
    const rebound = `evil.example:${port}`;
    const read = await callWithHost(api.baseUrl, '/status', rebound);
    expect(read).toEqual({ status: 403, body: { error: expect.stringContaining(`Host "${rebound}" is not a loopback name`) }, text: expect.any(String) });
    const write = await callWithHost(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', rebound, 'POST', { origin: `http://${rebound}` });
    expect(write.status).toBe(403);
    expect(await isTripped(api, 'DAILY_LOSS')).toBe(true);
    for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example', '[::2]']) {
      expect({ host, status: (await callWithHost(api.baseUrl, '/status', host)).status }).toEqual({ host, status: 403 });
    }
  });

  it('answers every loopback name, with any port', async () => {
    for (const host of ['localhost', `localhost:${new URL(api.baseUrl).port}`, 'LOCALHOST:8000', '127.0.0.1', '127.0.0.1:1', '[::1]:8000', '[::1]']) {
      expect({ host, status: (await callWithHost(api.baseUrl, '/status', host)).status }).toEqual({ host, status: 200 });
    }
  });
});

describe('API with a token: the token is the auth, so any Host; other web sites still may not write', () => {
  const secret = `s3cret-${randomBytes(6).toString('hex')}`;
  const auth = { authorization: `Bearer ${secret}` };
  let db: TestDatabase;
  let api: ApiHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(db, { POLYBOT_API_TOKEN: secret });
  });

  beforeEach(() => clearDailyLoss(api));

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('accepts a non-loopback Host with the right token, and with its own Origin (a proxy that keeps Host)', async () => {
    expect((await callWithHost(api.baseUrl, '/status', 'polybot.example.com', 'GET', auth)).status).toBe(200);
    const id = await seedPending(api);
    const approved = await callWithHost(api.baseUrl, `/intents/${id}/approve`, 'polybot.example.com', 'POST', { ...auth, origin: 'https://polybot.example.com' });
    expect(approved).toMatchObject({ status: 200, body: { id, status: 'APPROVED' } });
    expect((await callWithHost(api.baseUrl, '/status', 'polybot.example.com')).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    await tripDailyLoss(api);
    const answer = await call(api.baseUrl, '/kill-switches/DAILY_LOSS/clear', formPost({ ...auth, origin: EVIL }));
    expect(answer.status).toBe(403);
    expect(await isTripped(api, 'DAILY_LOSS')).toBe(true);
  });
});
