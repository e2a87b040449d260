import { KillSwitchRepository } from '@polybot/persistence';
import { waitFor } from './support/processes';
import { startStack, type Stack } from './support/stack';

interface KillSwitchJson {
  name: string;
  tripped: boolean;
  value: number | null;
  reason: string | null;
}

/**
 * The venue misbehaves: 500s, 429s with Retry-After, slow answers, malformed JSON. The services back
 * off and keep running; API_ERRORS and STALE_DATA trip at their thresholds.
 */
describe('venue faults (simulator scripted, services as processes)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      mode: '--live',
      simulator: { seed: 4, events: 6, tickMs: 500 },
      env: {
        POLYBOT_LOOP_INTERVAL_SECONDS: '1',
        POLYBOT_API_ERROR_MIN_CALLS: '10',
        POLYBOT_MAX_STALE_DATA_SECONDS: '6',
        POLYBOT_HTTP_TIMEOUT_MS: '1500',
        POLYBOT_HTTP_MAX_RETRIES: '1',
        // The faults are on /clob/books: every cycle must read its books over REST, not from the stream.
        POLYBOT_BOOKS_RESYNC_CYCLES: '1',
      },
    });
  }, 60_000);

  afterAll(async () => {
    expect(await stack?.stop()).toBe(0);
  }, 60_000);

  const fault = (spec: Record<string, unknown>) =>
    fetch(`${stack.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) });
  const switches = async () => (await stack.getJson<KillSwitchJson[]>('/kill-switches')).body;

  it('backs off through 429s and slow answers, then trips API_ERRORS on 500s and STALE_DATA on malformed data, never crashing', async () => {
    await waitFor('a first good cycle', async () => stack.services.output().includes('Ingest cycle done'), 60_000, stack.services.output);

    // Rate limited and slow, but answering: cycles complete, nothing trips.
    expect((await fault({ route: '/gamma/events', kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 })).status).toBeLessThan(300);
    expect((await fault({ route: '/clob/books', kind: 'delay', delayMs: 400, times: 3 })).status).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect((await switches()).filter((s) => s.tripped)).toEqual([]);

    // Every book request fails: more than half the venue calls are errors.
    await fault({ route: '/clob/books', kind: 'status', status: 500 });
    const apiErrors = await waitFor(
      'API_ERRORS to trip',
      async () => (await switches()).find((s) => s.name === 'API_ERRORS' && s.tripped),
      30_000,
      stack.services.output,
    );
    expect(apiErrors.value).toBeGreaterThanOrEqual(50);

    // Gamma answers garbage: no market data arrives any more.
    await fault({ route: '/gamma/events', kind: 'malformed' });
    const stale = await waitFor(
      'STALE_DATA to trip',
      async () => (await switches()).find((s) => s.name === 'STALE_DATA' && s.tripped),
      30_000,
      stack.services.output,
    );
    expect(stale.value).toBeGreaterThanOrEqual(6);

    const stored = await new KillSwitchRepository(stack.db.dataSource).events(10);
    expect(stored.map((e) => e.name).sort()).toEqual(['API_ERRORS', 'STALE_DATA']);
    expect(stack.services.output()).toMatch(/Skipped malformed or failed venue data|Ingest cycle failed/);
    // No service crashed or was restarted through all of it.
    expect(stack.services.output()).not.toMatch(/exited \(/);
  }, 120_000);
});
