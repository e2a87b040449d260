import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './test/chromium.launcher';
import { startScriptedApi, type ScriptedApi, type ScriptedIntent } from './test/scripted-api.server';

/** What these tests read inside the page (the repo compiles without the DOM library). */
interface InPage {
  document: { querySelector(selector: string): { textContent: string | null } | null };
  __injected?: number;
  __marker?: number;
  loadedOnce?: boolean;
}

const TOKEN = 'page-int-spec-token';
const XSS = '<img src=x onerror="window.__injected=1">';

function intent(overrides: Partial<ScriptedIntent> = {}): ScriptedIntent {
  const now = Date.now();
  return {
    id: randomUUID(), type: 'OPEN_POSITION', status: 'PENDING', market_id: 'm1', token_id: '7'.repeat(40), outcome: 'Yes', side: 'BUY',
    price: 0.41, size_usd: 25, edge: 0.09, model_prob: 0.5, market_price: 0.41, confidence: 0.8, reason: `mispriced ${XSS}`,
    risk_checks: [
      { name: 'max_position', passed: true, value: 25, limit: 50, message: 'ok' },
      { name: 'min_edge', passed: true, value: 0.09, limit: 0.03, message: 'ok' },
    ],
    created_at: new Date(now).toISOString(), expires_at: new Date(now + 120_000).toISOString(),
    decided_at: null, decided_by: null, status_reason: null, executed_at: null, execution: null,
    ...overrides,
  };
}

async function openWithToken(browser: Browser, api: ScriptedApi): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { // Refused requests (401 before the token, 404 without a stream, 409) are logged by the browser itself.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text()); });
  await page.goto(`${api.url}/`);
  await page.locator('#token-form').waitFor({ state: 'visible' });
  await page.fill('#token-input', TOKEN);
  await page.click('#token-form button[type=submit]');
  await page.locator('#token-form').waitFor({ state: 'hidden' });
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

const card = (page: Page, id: string) => page.locator(`[data-intent-id="${id}"]`);
const secondsLeft = async (page: Page, id: string): Promise<number> => parseInt(await card(page, id).locator('.countdown').innerText(), 10);

/**
 * The page in a real browser against the API's HTTP surface (scripted, on a real port): the token
 * asked on 401, the stream and the polling fallback, decisions and their refusals, escaping, CSP.
 */
describe('approval page in chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('with the event stream', () => {
    let api: ScriptedApi;
    let page: Page;

    beforeAll(async () => {
      api = await startScriptedApi({ token: TOKEN, stream: true });
      const first = intent();
      api.intents.set(first.id, first);
      api.switches.push({ name: 'stale_data', tripped: true, tripped_at: new Date().toISOString(), value: 130, threshold: 60, reason: 'no book update for 130 s' });
      page = await openWithToken(browser, api);
    }, 30_000);

    afterAll(async () => {
      await page?.close();
      await api?.close();
    });

    it('shows a pending intent with its countdown running, its reason as text, and the stream live', async () => {
      const [first] = [...api.intents.values()];
      await card(page, first.id).waitFor();
      expect(await card(page, first.id).locator('.why').innerText()).toBe(`mispriced ${XSS}`);
      expect(await card(page, first.id).locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as unknown as InPage).__injected)).toBeUndefined();
      expect(await card(page, first.id).innerText()).toContain('edge +9.0%');
      expect(await card(page, first.id).locator('.check.pass').count()).toBe(2);

      const before = await secondsLeft(page, first.id);
      expect(before).toBeGreaterThan(100);
      await page.waitForFunction(
        ([id, seconds]) => parseInt((globalThis as unknown as InPage).document.querySelector(`[data-intent-id="${id}"] .countdown`)?.textContent ?? '', 10) < seconds,
        [first.id, before] as const,
      );
      await page.locator('#feed', { hasText: 'live' }).waitFor();
      expect(await page.locator('#positions').innerText()).toContain('Will it <b>rain</b>? — Yes');
    }, 20_000);

    it('adds an intent proposed on the stream, and shows it executed after Approve, without a reload', async () => {
      const marker = await page.evaluate(() => ((globalThis as unknown as InPage).__marker = 42));
      const fresh = intent({ outcome: 'No', side: 'SELL', price: 0.62 });
      api.intents.set(fresh.id, fresh);
      api.emit('intent', fresh);
      await card(page, fresh.id).waitFor();

      await card(page, fresh.id).locator('button.approve').click();
      const row = page.locator(`[data-recent-id="${fresh.id}"]`);
      await row.locator('.st', { hasText: 'EXECUTED' }).waitFor();
      expect(await row.locator('.execution').innerText()).toContain('DRY_RUN');
      expect(api.intents.get(fresh.id)!.status).toBe('EXECUTED');
      await card(page, fresh.id).waitFor({ state: 'detached' });
      expect(await page.evaluate(() => (globalThis as unknown as InPage).__marker)).toBe(marker);
    }, 20_000);

    it("shows the API's refusal on the card when the intent is no longer pending", async () => {
      const [first] = [...api.intents.values()];
      api.intents.get(first.id)!.status = 'EXPIRED';
      await card(page, first.id).locator('button.approve').click();
      await card(page, first.id).locator('.notice.error').waitFor();
      expect(await card(page, first.id).locator('.notice.error').innerText()).toBe(`cannot approve intent ${first.id}: it is EXPIRED, not PENDING`);
      expect(await card(page, first.id).locator('button.approve').isDisabled()).toBe(true);
      expect(await card(page, first.id).getAttribute('class')).toContain('gone');
    }, 20_000);

    it('clears a tripped kill switch', async () => {
      const row = page.locator('[data-switch-name="stale_data"]');
      expect(await row.innerText()).toContain('TRIPPED');
      await row.locator('button', { hasText: 'Clear' }).click();
      await row.locator('.badge', { hasText: 'OK' }).waitFor();
      expect(api.switches[0].tripped).toBe(false);
      expect(await row.locator('button').count()).toBe(0);
    }, 20_000);

    it('opens the stream again after it ends, and keeps following events', async () => {
      api.endStreams();
      await page.locator('#feed', { hasText: 'polling' }).waitFor();
      await page.locator('#feed', { hasText: 'live' }).waitFor({ timeout: 10_000 });
      expect(api.streamClients()).toBe(1);
      const later = intent({ outcome: 'Maybe' });
      api.intents.set(later.id, later);
      api.emit('intent', later);
      await card(page, later.id).waitFor();
    }, 20_000);

    it('raised no script errors (the CSP let its own code run)', () => {
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    });
  });

  describe('without an event stream', () => {
    let api: ScriptedApi;

    beforeAll(async () => {
      api = await startScriptedApi({ token: TOKEN, stream: false });
    });

    afterAll(async () => {
      await api?.close();
    });

    it('polls: a new intent shows up, and one left to expire is greyed out, then removed', async () => {
      const page = await openWithToken(browser, api);
      await page.locator('#feed', { hasText: 'polling' }).waitFor();
      const soon = intent({ expires_at: new Date(Date.now() + 2_500).toISOString() });
      api.intents.set(soon.id, soon);
      await card(page, soon.id).waitFor();
      await page.locator(`[data-intent-id="${soon.id}"].gone`).waitFor({ timeout: 10_000 });
      expect(await card(page, soon.id).locator('.countdown').innerText()).toBe('expired');
      expect(await card(page, soon.id).locator('button.approve').isDisabled()).toBe(true);
      await card(page, soon.id).waitFor({ state: 'detached', timeout: 10_000 });
      await page.close();
    }, 30_000);
  });
});
