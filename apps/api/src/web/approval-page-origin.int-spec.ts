import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createTestDatabase, KillSwitchRepository, type TestDatabase } from '@polybot/persistence';
import { seedPending, startApi, type ApiHarness } from '../test/api-test.harness';
import { launchChromium } from './test/chromium.launcher';

/** A page on another origin (localhost, not 127.0.0.1) that submits a bodiless form to the API on load. */
function startForeignSite(): Promise<{ url: (target: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://localhost').searchParams.get('target') ?? '';
    res.setHeader('content-type', 'text/html');
    res.end(`<form method="post" action="${target}"></form><script>document.forms[0].submit()</script>`);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: (target) => `http://localhost:${port}/?target=${encodeURIComponent(target)}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * The origin check in a real browser, on the real token-less API: the page's own buttons still
 * act (chromium sends its same-origin Origin), and a form on another site is refused.
 */
describe('approval page and cross-site forms in chromium (no token)', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let browser: Browser;
  let switches: KillSwitchRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    [api, browser] = await Promise.all([startApi(db), launchChromium()]);
    switches = api.app.get(KillSwitchRepository);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  const dailyLossTripped = async (): Promise<boolean | undefined> => (await switches.list()).find((s) => s.name === 'DAILY_LOSS')?.tripped;

  it("approves and clears a kill switch from the API's own page", async () => {
    const id = await seedPending(api);
    const page = await browser.newPage();
    try {
      await page.goto(`${api.baseUrl}/`);
      await page.locator(`[data-intent-id="${id}"] button.approve`).click();
      await page.locator(`[data-recent-id="${id}"]`).waitFor({ timeout: 10_000 });
      expect((await api.intents.findById(id))?.status).toBe('APPROVED');

      await switches.trip('DAILY_LOSS', 12, 10, 'DAILY_LOSS: test', 'test', new Date());
      await page.reload();
      const row = page.locator('[data-switch-name="DAILY_LOSS"]');
      await row.locator('button', { hasText: 'Clear' }).click();
      await row.locator('.badge', { hasText: 'OK' }).waitFor({ timeout: 10_000 });
      expect(await dailyLossTripped()).toBe(false);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('refuses a form on another site clearing a kill switch or approving: 403, nothing changed', async () => {
    const site = await startForeignSite();
    const page = await browser.newPage();
    try {
      await switches.trip('DAILY_LOSS', 12, 10, 'DAILY_LOSS: test', 'test', new Date());
      const cleared = page.waitForResponse((response) => response.url().endsWith('/kill-switches/DAILY_LOSS/clear'));
      await page.goto(site.url(`${api.baseUrl}/kill-switches/DAILY_LOSS/clear`));
      expect((await cleared).status()).toBe(403);
      expect(await dailyLossTripped()).toBe(true);

      await switches.clear('DAILY_LOSS', 'test', new Date());
      const id = await seedPending(api);
      const approved = page.waitForResponse((response) => response.url().includes('/approve'));
      await page.goto(site.url(`${api.baseUrl}/intents/${id.slice(0, 8)}/approve`));
      const answer = await approved;
      expect(answer.status()).toBe(403);
      expect(JSON.parse(await answer.text())).toEqual({ error: expect.stringContaining('Origin "http://localhost:') });
      expect((await api.intents.findById(id))?.status).toBe('PENDING');
    } finally {
      await page.close();
      await site.close();
    }
  }, 30_000);
});
