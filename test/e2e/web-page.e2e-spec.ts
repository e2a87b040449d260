import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../apps/api/src/web/test/chromium.launcher';
import { waitFor } from './support/processes';
import { startStack, type IntentBody, type Stack } from './support/stack';

/** What these tests read inside the page (the repo compiles without the DOM library). */
interface InPage {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  __injected?: number;
  __marker?: number;
  loadedOnce?: boolean;
}

const TOKEN = 'web-page-e2e-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const SCREENSHOT = 'tmp/web-page.e2e.png';

/**
 * The approval page as an operator uses it: the real stack (simulator + `polyb0t run --live
 * --with-api` as processes, a token set), Debian's chromium; decided with one click, no reload.
 */
describe('approval web page end to end (chromium + simulator + services)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let tokenId: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startStack({
        mode: '--live',
        simulator: { seed: 11, events: 6, tickMs: 500 },
        env: { POLYBOT_LOOP_INTERVAL_SECONDS: '2', POLYBOT_INTENT_EXPIRY_SECONDS: '90', POLYBOT_API_TOKEN: TOKEN },
        prepare: async (sim) => {
          const response = await fetch(`${sim.url}/_sim/scenario/mispricing`, { method: 'POST' });
          tokenId = ((await response.json()) as { expected: { tokenId: string } }).expected.tokenId;
        },
      }),
      launchChromium(),
    ]);
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    expect(await stack?.stop()).toBe(0);
  }, 30_000);

  it('serves the page without the token, and nothing else', async () => {
    const home = await waitFor('the API to serve GET /', async () => {
      const response = await fetch(`${stack.api}/`).catch(() => undefined);
      return response?.status === 200 ? response : undefined;
    }, 20_000, stack.services.output);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await home.text()).toContain('<title>polyb0t approvals</title>');
    const approve = await fetch(`${stack.api}/intents/00000000-0000-4000-8000-000000000000/approve`, { method: 'POST' });
    expect(approve.status).toBe(401);
  }, 25_000);

  it('asks for the token, counts the proposed intent down, and shows it executed in dry run after Approve', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${stack.api}/`);
    await page.evaluate(() => ((globalThis as unknown as InPage).loadedOnce = true));

    // The intent the injected mispricing becomes, as the API lists it.
    const proposed = await waitFor('the mispricing to be proposed', async () => {
      const { body } = await stack.getJson<IntentBody[]>('/intents?status=PENDING', { headers: AUTH });
      return Array.isArray(body) ? body.find((intent) => intent.token_id === tokenId) : undefined;
    }, 20_000, stack.services.output);
    const card = page.locator(`[data-intent-id="${proposed.id}"]`);

    // With the token set every API call needs it, so the page asks before showing anything.
    await page.locator('#token-form').waitFor({ state: 'visible' });
    await page.fill('#token-input', TOKEN);
    await page.click('#token-form button[type=submit]');
    await page.locator('#token-form').waitFor({ state: 'hidden' });

    await card.waitFor({ timeout: 10_000 });
    // Kept current by the event stream (read with the token), not by polling.
    await page.locator('#feed', { hasText: 'live' }).waitFor({ timeout: 5_000 });
    expect(await card.locator('.trade').innerText()).toContain(`${proposed.side} `);
    expect(await card.locator('.edge').innerText()).toContain('edge +9.0%');
    expect(await card.locator('.why').innerText()).toBe(proposed.reason);
    expect(await card.locator('.check').count()).toBeGreaterThan(0);

    const first = parseInt(await card.locator('.countdown').innerText(), 10);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(90);
    await page.waitForFunction(
      ([id, seconds]) => parseInt((globalThis as unknown as InPage).document.querySelector(`[data-intent-id="${id}"] .countdown`)?.textContent ?? '', 10) < seconds,
      [proposed.id, first] as const,
      { timeout: 5_000 },
    );
    const second = parseInt(await card.locator('.countdown').innerText(), 10);
    expect(second).toBeLessThan(first);
    expect(second).toBeGreaterThan(0);

    await card.locator('button.approve').click();
    const row = page.locator(`[data-recent-id="${proposed.id}"]`);
    await row.locator('.st', { hasText: 'EXECUTED' }).waitFor({ timeout: 15_000 });
    expect(await row.locator('.execution').innerText()).toContain('DRY_RUN');
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The same page all along, and the decision is the system's, not the page's.
    expect(await page.evaluate(() => (globalThis as unknown as InPage).loadedOnce)).toBe(true);
    const { body: executed } = await stack.getJson<IntentBody>(`/intents/${proposed.id}`, { headers: AUTH });
    expect(executed.status).toBe('EXECUTED');
    expect(executed.execution).toMatchObject({ mode: 'DRY_RUN', status: 'DRY_RUN' });
    expect((await (await fetch(`${stack.sim.url}/_sim/orders`)).json()) as unknown[]).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
