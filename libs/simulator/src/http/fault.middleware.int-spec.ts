import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { getJson, postJson } from '../testing/ws-probe.helper';

describe('scripted faults (over HTTP)', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 9, events: 10, tickIntervalMs: 0 });
    token = [...sim.world.markets.values()][0].tokenIds[0];
  });
  afterEach(() => void sim.clearFaults());
  afterAll(() => sim.close());

  it('answers 429 with Retry-After for the given number of requests, then recovers', async () => {
    sim.addFault({ route: '/clob/books', kind: 'status', status: 429, retryAfterSeconds: 3, times: 2 });
    const body = [{ token_id: token }];
    const first = await fetch(`${sim.clobUrl}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await postJson(`${sim.clobUrl}/books`, body)).status).toBe(429);
    const third = await postJson<unknown[]>(`${sim.clobUrl}/books`, body);
    expect(third.status).toBe(200);
    expect(third.body).toHaveLength(1);
    // Other routes were never affected.
    expect((await getJson(`${sim.clobUrl}/book?token_id=${token}`)).status).toBe(200);
  });

  it('answers 500 until cleared when no count is given, on a route prefix', async () => {
    sim.addFault({ route: '/gamma', kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) {
      const res = await getJson<{ error: string }>(`${sim.gammaUrl}/events?limit=1`);
      expect(res.status).toBe(500);
      expect(res.body.error).toContain('500');
    }
    expect((await getJson(`${sim.gammaUrl}/markets?limit=1`)).status).toBe(500);
    expect((await getJson(`${sim.clobUrl}/version`)).status).toBe(200);
    sim.clearFaults();
    expect((await getJson(`${sim.gammaUrl}/events?limit=1`)).status).toBe(200);
  });

  it('delays, then answers normally', async () => {
    sim.addFault({ route: '/clob/version', kind: 'delay', delayMs: 50, times: 1 });
    const res = await getJson(`${sim.clobUrl}/version`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 2 });
    expect(sim.faults()[0].hits).toBe(1);
  });

  it('answers malformed JSON, or the real payload with wrong field types', async () => {
    sim.addFault({ route: '/clob/book', kind: 'malformed', times: 1 });
    const broken = await fetch(`${sim.clobUrl}/book?token_id=${token}`);
    expect(broken.status).toBe(200);
    expect(broken.headers.get('content-type')).toContain('application/json');
    await expect(broken.json()).rejects.toThrow();

    sim.addFault({ route: '/clob/book', kind: 'malformed', malformed: 'wrong-types', times: 1 });
    const wrong = await getJson<{ bids: { price: unknown; size: unknown }[]; neg_risk: unknown; timestamp: unknown }>(`${sim.clobUrl}/book?token_id=${token}`);
    expect(typeof wrong.body.bids[0].price).toBe('number');
    expect(typeof wrong.body.timestamp).toBe('number');
    expect(typeof wrong.body.neg_risk).toBe('string');
    const healthy = await getJson<{ bids: { price: unknown }[] }>(`${sim.clobUrl}/book?token_id=${token}`);
    expect(typeof healthy.body.bids[0].price).toBe('string');
  });

  it('holds a request without answering on timeout, and the client gives up', async () => {
    sim.addFault({ route: '*', kind: 'timeout', times: 1 });
    await expect(fetch(`${sim.clobUrl}/time`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await getJson(`${sim.clobUrl}/version`)).status).toBe(200);
  });

  it('answers a stale read with nothing yet: null for one object, an empty list, then the real answer', async () => {
    sim.addFault({ route: '/clob/book', kind: 'stale-read', times: 1 });
    sim.addFault({ route: '/gamma/events', kind: 'stale-read', times: 1 });
    const stale = await getJson<unknown>(`${sim.clobUrl}/book?token_id=${token}`);
    expect({ status: stale.status, body: stale.body }).toEqual({ status: 200, body: null });
    expect((await getJson<unknown[]>(`${sim.gammaUrl}/events?limit=2`)).body).toEqual([]);
    expect((await getJson<{ bids: unknown[] }>(`${sim.clobUrl}/book?token_id=${token}`)).body.bids.length).toBeGreaterThan(0);
    expect((await getJson<unknown[]>(`${sim.gammaUrl}/events?limit=2`)).body).toHaveLength(2);
  });

  it('answers a stale read for as long as the fault lasts, then the real answer', async () => {
    sim.addFault({ route: '/clob/book', kind: 'stale-read', forMs: 300 });
    expect((await getJson(`${sim.clobUrl}/book?token_id=${token}`)).body).toBeNull();
    expect((await getJson(`${sim.clobUrl}/book?token_id=${token}`)).body).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await getJson<{ asset_id: string }>(`${sim.clobUrl}/book?token_id=${token}`)).body).toMatchObject({ asset_id: token });
  });

  it('is scriptable over /_sim/faults, with a clear 400 for a bad fault', async () => {
    const created = await postJson<{ id: number; remaining: number }>(`${sim.url}/_sim/faults`, { route: '/data/positions', kind: 'status', status: 503, times: 1 });
    expect(created.status).toBe(201);
    expect(created.body.remaining).toBe(1);
    expect((await getJson(`${sim.dataApiUrl}/positions?user=0x${'2'.repeat(40)}`)).status).toBe(503);
    expect((await getJson<unknown[]>(`${sim.url}/_sim/faults`)).body).toHaveLength(1);
    const bad = await postJson<{ error: string }>(`${sim.url}/_sim/faults`, { route: '/x', kind: 'explode' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('kind');
    await postJson(`${sim.url}/_sim/faults`, { route: '*', kind: 'status', status: 500 });
    // /_sim itself is never faulted, so a test can always clear.
    const cleared = await getJson<{ cleared: number }>(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    expect(cleared.body.cleared).toBe(2);
    expect((await getJson(`${sim.clobUrl}/version`)).status).toBe(200);
  });
});
