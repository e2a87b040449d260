import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { startSimulator, type RunningSimulator } from './simulator.server';
import { getJson, postJson, WsProbe } from './testing/ws-probe.helper';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('startSimulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, events: 15, tickIntervalMs: 0 });
  });
  afterAll(() => sim.close());

  it('exposes the three venue hosts and the websocket under one port', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.gammaUrl).toBe(`${sim.url}/gamma`);
    expect(sim.clobUrl).toBe(`${sim.url}/clob`);
    expect(sim.dataApiUrl).toBe(`${sim.url}/data`);
    expect(sim.wsUrl).toBe(`ws://127.0.0.1:${sim.port}/ws`);
  });

  it('serves the same world for the same seed and clock, over HTTP', async () => {
    const a = await startSimulator({ seed: 77, events: 12, now: NOW, tickIntervalMs: 0 });
    const b = await startSimulator({ seed: 77, events: 12, now: NOW, tickIntervalMs: 0 });
    const c = await startSimulator({ seed: 78, events: 12, now: NOW, tickIntervalMs: 0 });
    try {
      const events = async (s: RunningSimulator): Promise<unknown> => (await getJson(`${s.gammaUrl}/events?limit=500`)).body;
      expect(await events(a)).toEqual(await events(b));
      expect(await events(a)).not.toEqual(await events(c));
      const token = [...a.world.markets.values()][0].tokenIds[0];
      const book = async (s: RunningSimulator): Promise<unknown> => {
        const { timestamp: _ignored, ...rest } = (await getJson<Record<string, unknown>>(`${s.clobUrl}/book?token_id=${token}`)).body;
        return rest;
      };
      expect(await book(a)).toEqual(await book(b));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('counts requests per route, reports state, and resets to the seeded world', async () => {
    await getJson(`${sim.url}/_sim/requests`, { method: 'DELETE' });
    const token = [...sim.world.markets.values()][0].tokenIds[0];
    await getJson(`${sim.gammaUrl}/markets?limit=1`);
    await getJson(`${sim.gammaUrl}/markets?limit=2`);
    await postJson(`${sim.clobUrl}/books`, [{ token_id: token }]);
    await getJson(`${sim.clobUrl}/book?token_id=${token}`);
    const counts = (await getJson<Record<string, number>>(`${sim.url}/_sim/requests`)).body;
    expect(counts).toEqual({ 'GET /clob/book': 1, 'GET /gamma/markets': 2, 'POST /clob/books': 1 });

    const fingerprint = JSON.stringify((await getJson(`${sim.gammaUrl}/markets?limit=500`)).body);
    const scenario = (await postJson<{ eventId: string; expected: { edge: number } }>(`${sim.url}/_sim/scenario/mispricing`, {})).body;
    expect(scenario.expected.edge).toBe(0.09);
    await postJson(`${sim.url}/_sim/stale-books`, { on: true });
    await postJson(`${sim.url}/_sim/faults`, { route: '/gamma/events', kind: 'status', status: 500 });
    await postJson(`${sim.clobUrl}/order`, { order: {} });
    const state = (await getJson<Record<string, unknown>>(`${sim.url}/_sim/state`)).body;
    expect(state).toMatchObject({ seed: 42, events: 16, frozenEvents: 1, staleBooks: true, faults: 1, orders: 1 });

    const reset = await postJson<Record<string, unknown>>(`${sim.url}/_sim/reset`, {});
    expect(reset.body).toMatchObject({ events: 15, frozenEvents: 0, staleBooks: false, faults: 0, orders: 0 });
    expect((await getJson(`${sim.gammaUrl}/events?limit=1`)).status).toBe(200);
    expect((await getJson<unknown[]>(`${sim.url}/_sim/orders`)).body).toEqual([]);
    expect(JSON.stringify((await getJson(`${sim.gammaUrl}/markets?limit=500`)).body)).toBe(fingerprint);
  });

  it('scripts spread spikes, stale books, ticks and resolutions over /_sim, naming bad input', async () => {
    const market = [...sim.world.markets.values()][2];
    const spike = await postJson<{ newSpread: number; oldSpread: number }>(`${sim.url}/_sim/spread-spike`, { tokenId: market.tokenIds[0], factor: 4 });
    expect(spike.status).toBe(200);
    expect(spike.body.newSpread).toBeGreaterThan(spike.body.oldSpread);
    const unknown = await postJson<{ error: string }>(`${sim.url}/_sim/spread-spike`, { tokenId: '1', factor: 4 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('unknown token 1');
    const badFactor = await postJson<{ error: string }>(`${sim.url}/_sim/spread-spike`, { tokenId: market.tokenIds[0], factor: -1 });
    expect(badFactor.status).toBe(400);
    expect(badFactor.body.error).toContain('factor');
    expect((await postJson<{ ticked: number }>(`${sim.url}/_sim/tick`, { steps: 3 })).body).toEqual({ ticked: 3 });

    const resolved = await postJson<{ winningTokenId: string }>(`${sim.url}/_sim/resolve`, { conditionId: market.conditionId, winningOutcomeIndex: 0 });
    expect(resolved.body.winningTokenId).toBe(market.tokenIds[0]);
    const gamma = (await getJson<Record<string, unknown>[]>(`${sim.gammaUrl}/markets?id=${market.id}`)).body[0];
    expect(gamma).toMatchObject({ closed: true, umaResolutionStatus: 'resolved', outcomePrices: '["1", "0"]' });
    const badResolve = await postJson<{ error: string }>(`${sim.url}/_sim/resolve`, { conditionId: '0xdead', winningOutcomeIndex: 0 });
    expect(badResolve.status).toBe(400);
    expect(badResolve.body.error).toContain('0xdead');
  });

  it('random-walks on its own timer and pushes price_change to subscribers', async () => {
    const walking = await startSimulator({ seed: 5, events: 10, tickIntervalMs: 10 });
    try {
      const tokens = [...walking.world.markets.values()].flatMap((m) => m.tokenIds);
      const probe = await WsProbe.open(`${walking.wsUrl}/market`);
      probe.send({ type: 'market', assets_ids: tokens });
      const change = await probe.waitFor<{ event_type: string }>((m) => (m as { event_type?: string }).event_type === 'price_change');
      expect(change.event_type).toBe('price_change');
      await probe.close();
    } finally {
      await walking.close();
    }
  });

  it('spreads a walk period over its steps, counting a tick per whole period, and refuses a bad step count', async () => {
    await expect(startSimulator({ events: 3, tickIntervalMs: 100, walkSteps: 0 })).rejects.toThrow('walkSteps must be a whole number >= 1, got 0');
    const until = async <T>(read: () => T | Promise<T>, done: (value: T) => boolean): Promise<T> => {
      for (let waited = 0; waited < 5_000; waited += 10) {
        const value = await read();
        if (done(value)) return value;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('timed out');
    };
    // Steps 1 s apart: the first step's changes are seen long before the second's.
    const slow = await startSimulator({ seed: 5, events: 12, tickIntervalMs: 4_000, walkSteps: 4 });
    try {
      const books = (): string[] => [...slow.world.events.values()].map((e) => JSON.stringify(slow.world.marketsOf(e).map((m) => m.book)));
      const start = books();
      const moved = await until(() => books().flatMap((b, i) => (b === start[i] ? [] : [i])), (ids) => ids.length > 0);
      expect(moved.every((i) => i % 4 === 0)).toBe(true);
    } finally {
      await slow.close();
    }
    const fast = await startSimulator({ seed: 5, events: 12, tickIntervalMs: 200, walkSteps: 4 });
    try {
      const ticks = async () => (await getJson<{ ticks: number }>(`${fast.url}/_sim/state`)).body.ticks;
      expect(await until(ticks, (n) => n >= 2)).toBeGreaterThanOrEqual(2);
    } finally {
      await fast.close();
    }
  });

  it('frees its port and drops websockets on close()', async () => {
    const temp = await startSimulator({ tickIntervalMs: 0, events: 3 });
    const probe = await WsProbe.open(`${temp.wsUrl}/market`);
    temp.addFault({ route: '*', kind: 'timeout' });
    const held = fetch(`${temp.clobUrl}/time`).then(
      () => 'answered',
      () => 'connection dropped',
    );
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([temp.close(), temp.close()]); // idempotent
    await probe.closed();
    expect(await held).toBe('connection dropped');
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(temp.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
