import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { getJson, postJson } from '../testing/ws-probe.helper';
import type { WireBook } from '../wire/book.serializer';
import { NO_ORDERBOOK } from './clob.routes';

function prices(levels: { price: string }[]): number[] {
  return levels.map((l) => Number(l.price));
}

describe('CLOB REST /clob (over HTTP)', () => {
  let sim: RunningSimulator;
  let yesToken: string;
  let noToken: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, events: 20, tickIntervalMs: 0 });
    const market = [...sim.world.markets.values()][0];
    [yesToken, noToken] = market.tokenIds;
  });
  afterAll(() => sim.close());

  it('serves /book with string prices and sizes, ms timestamp string, hash, and the best level LAST', async () => {
    const { status, body } = await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yesToken}`);
    expect(status).toBe(200);
    expect(body.asset_id).toBe(yesToken);
    expect(body.market).toMatch(/^0x[0-9a-f]{64}$/);
    expect(body.timestamp).toMatch(/^\d{13}$/);
    expect(body.hash).toMatch(/^[0-9a-f]{40}$/);
    expect(body.min_order_size).toBe('5');
    expect(['0.01', '0.001']).toContain(body.tick_size);
    expect(typeof body.neg_risk).toBe('boolean');
    expect(typeof body.last_trade_price).toBe('string');
    for (const level of [...body.bids, ...body.asks]) {
      expect(typeof level.price).toBe('string');
      expect(typeof level.size).toBe('string');
    }
    const bids = prices(body.bids);
    const asks = prices(body.asks);
    expect([...bids].sort((a, b) => a - b)).toEqual(bids);
    expect([...asks].sort((a, b) => b - a)).toEqual(asks);
    expect(bids.at(-1)).toBe(Math.max(...bids));
    expect(asks.at(-1)).toBe(Math.min(...asks));
    expect(bids.at(-1)!).toBeLessThan(asks.at(-1)!);
  });

  it('mirrors the NO book: NO best bid = 1 - YES best ask', async () => {
    const yes = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yesToken}`)).body;
    const no = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${noToken}`)).body;
    expect(Number(no.bids.at(-1)!.price)).toBeCloseTo(1 - Number(yes.asks.at(-1)!.price), 9);
    expect(Number(no.asks.at(-1)!.price)).toBeCloseTo(1 - Number(yes.bids.at(-1)!.price), 9);
    expect(no.bids.at(-1)!.size).toBe(yes.asks.at(-1)!.size);
  });

  it('answers an unknown token with the venue 404 wording, a missing one with 400', async () => {
    const unknown = await getJson<{ error: string }>(`${sim.clobUrl}/book?token_id=123`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: NO_ORDERBOOK });
    expect(NO_ORDERBOOK).toBe('No orderbook exists for the requested token id');
    expect((await getJson(`${sim.clobUrl}/book`)).status).toBe(400);
  });

  it('answers POST /books with an array of books, skipping unknown tokens, and refuses more than 500', async () => {
    const tokens = [...sim.world.markets.values()].slice(0, 5).flatMap((m) => m.tokenIds);
    const { status, body } = await postJson<WireBook[]>(`${sim.clobUrl}/books`, [...tokens, '42'].map((token_id) => ({ token_id })));
    expect(status).toBe(200);
    expect(body.map((b) => b.asset_id)).toEqual(tokens);
    const tooMany = await postJson<{ error: string }>(`${sim.clobUrl}/books`, Array.from({ length: 501 }, () => ({ token_id: tokens[0] })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toContain('500');
    const exactly500 = await postJson<WireBook[]>(`${sim.clobUrl}/books`, Array.from({ length: 500 }, () => ({ token_id: tokens[0] })));
    expect(exactly500.status).toBe(200);
    expect(exactly500.body).toHaveLength(500);
    const notArray = await postJson<{ error: string }>(`${sim.clobUrl}/books`, { token_id: tokens[0] });
    expect(notArray.status).toBe(400);
    const badJson = await fetch(`${sim.clobUrl}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{' });
    expect(badJson.status).toBe(400);
  });

  it('answers price, midpoint, spread, tick-size, neg-risk, fee-rate, time and version like the venue', async () => {
    const book = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yesToken}`)).body;
    const bid = book.bids.at(-1)!.price;
    const ask = book.asks.at(-1)!.price;
    expect((await getJson(`${sim.clobUrl}/price?token_id=${yesToken}&side=BUY`)).body).toEqual({ price: bid });
    expect((await getJson(`${sim.clobUrl}/price?token_id=${yesToken}&side=SELL`)).body).toEqual({ price: ask });
    const mid = (await getJson<{ mid: string }>(`${sim.clobUrl}/midpoint?token_id=${yesToken}`)).body.mid;
    expect(Number(mid)).toBeCloseTo((Number(bid) + Number(ask)) / 2, 9);
    const spread = (await getJson<{ spread: string }>(`${sim.clobUrl}/spread?token_id=${yesToken}`)).body.spread;
    expect(Number(spread)).toBeCloseTo(Number(ask) - Number(bid), 9);
    expect((await getJson(`${sim.clobUrl}/tick-size?token_id=${yesToken}`)).body).toEqual({ minimum_tick_size: Number(book.tick_size) });
    expect((await getJson(`${sim.clobUrl}/neg-risk?token_id=${yesToken}`)).body).toEqual({ neg_risk: book.neg_risk });
    const fee = (await getJson<{ base_fee: number }>(`${sim.clobUrl}/fee-rate?token_id=${yesToken}`)).body;
    expect(typeof fee.base_fee).toBe('number');
    const time = (await getJson<number>(`${sim.clobUrl}/time`)).body;
    expect(Math.abs(time - Date.now() / 1000)).toBeLessThan(60);
    expect((await getJson(`${sim.clobUrl}/version`)).body).toEqual({ version: 2 });
    expect((await getJson(`${sim.clobUrl}/price?token_id=${yesToken}&side=UP`)).status).toBe(400);
    expect((await getJson(`${sim.clobUrl}/midpoint?token_id=1`)).status).toBe(404);
  });

  it('serves /prices-history as {history:[{t,p}]} ending at the current mid', async () => {
    const { body } = await getJson<{ history: { t: number; p: number }[] }>(`${sim.clobUrl}/prices-history?market=${yesToken}&interval=1d&fidelity=60`);
    expect(body.history.length).toBeGreaterThan(20);
    body.history.forEach((point) => {
      expect(Number.isInteger(point.t)).toBe(true);
      expect(point.p).toBeGreaterThan(0);
      expect(point.p).toBeLessThan(1);
    });
    const mid = Number((await getJson<{ mid: string }>(`${sim.clobUrl}/midpoint?token_id=${yesToken}`)).body.mid);
    expect(body.history.at(-1)!.p).toBeCloseTo(mid, 2);
  });

  it('serves the mispricing scenario with its exact numbers through POST /books', async () => {
    const scenario = sim.injectMispricing();
    expect(scenario.expected).toEqual({ tokenId: scenario.tokenIds[2][0], fair: 0.5, ask: 0.41, edge: 0.09 });
    const yesTokens = scenario.tokenIds.map(([yes]) => yes);
    const { body } = await postJson<WireBook[]>(`${sim.clobUrl}/books`, yesTokens.map((token_id) => ({ token_id })));
    const best = body.map((b) => ({ bid: Number(b.bids.at(-1)!.price), ask: Number(b.asks.at(-1)!.price), size: Number(b.asks.at(-1)!.size) }));
    const mids = best.map((b) => (b.bid + b.ask) / 2);
    expect(mids[0]).toBeCloseTo(0.2, 9);
    expect(mids[1]).toBeCloseTo(0.2, 9);
    expect(mids[2]).toBeCloseTo(0.4, 9);
    const sum = mids.reduce((a, b) => a + b, 0);
    const fair = mids[2] / sum;
    expect(fair).toBeCloseTo(scenario.expected.fair, 9);
    expect(best[2].ask).toBe(0.41);
    expect(fair - best[2].ask).toBeCloseTo(0.09, 9);
    best.forEach((b) => expect(b.size * b.ask).toBeGreaterThan(100));
    body.forEach((b) => expect(b.neg_risk).toBe(true));

    // Frozen: ticks do not move it.
    for (let i = 0; i < 50; i++) sim.tick();
    const again = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${scenario.expected.tokenId}`)).body;
    expect(again.asks.at(-1)!.price).toBe('0.41');
    expect(again.bids.at(-1)!.price).toBe('0.39');

    // Gamma lists the event as liquid and neg-risk, so default universe filters keep it.
    const event = (await getJson<{ negRisk: boolean; markets: { liquidityNum: number; id: string }[] }>(`${sim.gammaUrl}/events/${scenario.eventId}`)).body;
    expect(event.negRisk).toBe(true);
    expect(event.markets.map((m) => m.id)).toEqual(scenario.marketIds);
    event.markets.forEach((m) => expect(m.liquidityNum).toBeGreaterThanOrEqual(1000));
  });

  it('reprices an existing neg-risk event when asked by id', async () => {
    const existing = [...sim.world.events.values()].find((e) => e.negRisk && !e.frozen)!;
    const scenario = sim.injectMispricing({ eventId: existing.id });
    expect(scenario.eventId).toBe(existing.id);
    const { body } = await postJson<WireBook[]>(`${sim.clobUrl}/books`, scenario.tokenIds.map(([yes]) => ({ token_id: yes })));
    const mids = body.map((b) => (Number(b.bids.at(-1)!.price) + Number(b.asks.at(-1)!.price)) / 2);
    expect(mids.reduce((a, b) => a + b, 0)).toBeCloseTo(0.8, 9);
    expect(body.at(-1)!.asks.at(-1)!.price).toBe('0.41');
    expect(scenario.expected.edge).toBe(0.09);
    expect(() => sim.injectMispricing({ eventId: 'nope' })).toThrow('no event with id nope');
  });

  it('widens one market on spreadSpike and freezes book timestamps on staleBooks', async () => {
    const market = [...sim.world.markets.values()].find((m) => !sim.world.eventOf(m)!.frozen)!;
    const [token] = market.tokenIds;
    const spreadOf = async (): Promise<number> => Number((await getJson<{ spread: string }>(`${sim.clobUrl}/spread?token_id=${token}`)).body.spread);
    const before = await spreadOf();
    const spike = sim.spreadSpike(token, 5);
    expect(spike.newSpread).toBeGreaterThan(spike.oldSpread);
    expect(await spreadOf()).toBeCloseTo(spike.newSpread, 9);
    expect(await spreadOf()).toBeGreaterThan(before);

    sim.staleBooks(true);
    const first = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${token}`)).body;
    await new Promise((r) => setTimeout(r, 5));
    sim.tick();
    const second = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${token}`)).body;
    expect(second.timestamp).toBe(first.timestamp);
    expect(second.hash).toBe(first.hash);
    sim.staleBooks(false);
    await new Promise((r) => setTimeout(r, 5));
    const third = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${token}`)).body;
    expect(Number(third.timestamp)).toBeGreaterThan(Number(first.timestamp));
  });

  it('records every order post with headers and body, even one the venue refuses for want of L2 auth', async () => {
    const before = sim.orders().length;
    const order = { order: { tokenId: yesToken, side: 'BUY', makerAmount: '1000000' }, owner: 'api-key', orderType: 'GTC', postOnly: false, deferExec: false };
    const res = await fetch(`${sim.clobUrl}/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', POLY_ADDRESS: '0xabc', POLY_API_KEY: 'api-key', POLY_PASSPHRASE: 'very-secret' },
      body: JSON.stringify(order),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Unauthorized/Invalid api key' });
    const batch = await postJson<{ error: string }>(`${sim.clobUrl}/orders`, [order, order]);
    expect(batch.status).toBe(401);
    const recorded = sim.orders().slice(before);
    expect(recorded.map((o) => o.path)).toEqual(['/clob/order', '/clob/orders']);
    expect(recorded[0].body).toEqual(order);
    expect(recorded[0].headers.poly_api_key).toBe('api-key');
    expect(recorded[0].headers.poly_passphrase).toBe('[redacted]');
    const overHttp = await getJson<unknown[]>(`${sim.url}/_sim/orders`);
    expect(overHttp.body).toHaveLength(recorded.length + before);
  });

  it('answers the Data API positions with an empty list and names a bad user', async () => {
    expect((await getJson(`${sim.dataApiUrl}/positions?user=0x${'1'.repeat(40)}`)).body).toEqual([]);
    const bad = await getJson<{ error: string }>(`${sim.dataApiUrl}/positions`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('user');
  });
});
