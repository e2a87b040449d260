import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { getJson } from '../testing/ws-probe.helper';

type GammaMarket = Record<string, unknown> & { id: string; clobTokenIds: string; conditionId: string; events: GammaEvent[] };
type GammaEvent = Record<string, unknown> & { id: string; markets: GammaMarket[]; tags: { id: string; label: string; slug: string }[] };

describe('Gamma /gamma (over HTTP)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, events: 40, tickIntervalMs: 0 });
  });
  afterAll(() => sim.close());

  it('serves markets in the venue wire shape: JSON inside strings, decimal strings plus numbers', async () => {
    const { status, body } = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?limit=5`);
    expect(status).toBe(200);
    expect(body).toHaveLength(5);
    for (const m of body) {
      expect(typeof m.outcomes).toBe('string');
      expect(JSON.parse(m.outcomes as string)).toEqual(['Yes', 'No']);
      const prices = JSON.parse(m.outcomePrices as string) as string[];
      expect(prices).toHaveLength(2);
      prices.forEach((p) => expect(typeof p).toBe('string'));
      expect(Number(prices[0]) + Number(prices[1])).toBeCloseTo(1, 6);
      const tokens = JSON.parse(m.clobTokenIds) as string[];
      tokens.forEach((t) => expect(t).toMatch(/^\d{77}$/));
      expect(m.conditionId).toMatch(/^0x[0-9a-f]{64}$/);
      expect(typeof m.volume).toBe('string');
      expect(typeof m.liquidity).toBe('string');
      expect(Number(m.volume)).toBe(m.volumeNum);
      expect(Number(m.liquidity)).toBe(m.liquidityNum);
      expect(typeof m.volume24hr).toBe('number');
      expect([0.01, 0.001]).toContain(m.orderPriceMinTickSize);
      expect(m.orderMinSize).toBe(5);
      expect(m).toMatchObject({ active: true, closed: false, acceptingOrders: true, enableOrderBook: true });
      expect(typeof m.bestBid).toBe('number');
      expect(typeof m.bestAsk).toBe('number');
      expect(m.bestAsk as number).toBeGreaterThan(m.bestBid as number);
      expect(m.spread).toBeCloseTo((m.bestAsk as number) - (m.bestBid as number), 6);
      expect(typeof m.feesEnabled).toBe('boolean');
      if (m.feesEnabled) expect(m.feeSchedule).toMatchObject({ exponent: 1, takerOnly: true });
      expect(m.endDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      expect(m.events).toHaveLength(1);
      expect(m.events[0].tags.length).toBeGreaterThan(0);
      expect(typeof m.negRisk).toBe('boolean');
    }
  });

  it('pages /markets with limit and offset to the end, in stable id order', async () => {
    const total = sim.world.markets.size;
    const seen: string[] = [];
    for (let offset = 0; ; offset += 30) {
      const { body } = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?limit=30&offset=${offset}`);
      seen.push(...body.map((m) => m.id));
      if (body.length < 30) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(seen);
  });

  it('defaults to 100 markets and caps limit at 500', async () => {
    const big = await startSimulator({ seed: 1, events: 400, tickIntervalMs: 0 });
    try {
      expect(big.world.markets.size).toBeGreaterThan(500);
      expect((await getJson<unknown[]>(`${big.gammaUrl}/markets`)).body).toHaveLength(100);
      expect((await getJson<unknown[]>(`${big.gammaUrl}/markets?limit=1000`)).body).toHaveLength(500);
    } finally {
      await big.close();
    }
  });

  it('walks /markets/keyset to the end with next_cursor, which is null on the last page', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&after_cursor=${encodeURIComponent(cursor)}` : '';
      const { body } = await getJson<{ markets: GammaMarket[]; next_cursor: string | null }>(`${sim.gammaUrl}/markets/keyset?limit=25${query}`);
      ids.push(...body.markets.map((m) => m.id));
      cursor = body.next_cursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(cursor).toBeNull();
    expect(ids).toHaveLength(sim.world.markets.size);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await getJson<{ error: string }>(`${sim.gammaUrl}/markets/keyset?after_cursor=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('after_cursor');
  });

  it('filters markets by clob_token_ids and condition_ids (repeated), id, tag_id and closed', async () => {
    const markets = [...sim.world.markets.values()];
    const [a, b, c] = markets;
    const byTokens = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?clob_token_ids=${a.tokenIds[1]}&clob_token_ids=${b.tokenIds[0]}`);
    expect(byTokens.body.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    const byConditions = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?condition_ids=${c.conditionId}&condition_ids=${a.conditionId}`);
    expect(byConditions.body.map((m) => m.id).sort()).toEqual([a.id, c.id].sort());
    const byId = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?id=${b.id}`);
    expect(byId.body.map((m) => m.id)).toEqual([b.id]);
    const crypto = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?tag_id=21&limit=500`);
    expect(crypto.body.length).toBeGreaterThan(0);
    crypto.body.forEach((m) => expect(m.events[0].tags.map((t) => t.id)).toContain('21'));
    expect((await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?closed=true`)).body).toEqual([]);
    expect((await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?archived=true`)).body).toEqual([]);
    const bad = await getJson<{ error: string }>(`${sim.gammaUrl}/markets?limit=ten`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('limit');
  });

  it('orders markets by volume24hr descending by default when an order is given', async () => {
    const { body } = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?order=volume24hr&limit=20`);
    const volumes = body.map((m) => m.volume24hr as number);
    expect([...volumes].sort((x, y) => y - x)).toEqual(volumes);
    const asc = await getJson<GammaMarket[]>(`${sim.gammaUrl}/markets?order=liquidity&ascending=true&limit=20`);
    const liquidity = asc.body.map((m) => m.liquidityNum as number);
    expect([...liquidity].sort((x, y) => x - y)).toEqual(liquidity);
  });

  it('serves events with markets[] and tags[], neg-risk events with negRiskMarketID, paged to the end', async () => {
    const events: GammaEvent[] = [];
    for (let offset = 0; ; offset += 7) {
      const { body } = await getJson<GammaEvent[]>(`${sim.gammaUrl}/events?limit=7&offset=${offset}`);
      events.push(...body);
      if (body.length < 7) break;
    }
    expect(events).toHaveLength(sim.world.events.size);
    const negRisk = events.filter((e) => e.negRisk);
    expect(negRisk.length).toBeGreaterThan(5);
    for (const event of negRisk) {
      expect(event.negRiskMarketID).toMatch(/^0x[0-9a-f]{64}$/);
      expect(event.markets.length).toBeGreaterThanOrEqual(3);
      expect(event.tags.length).toBeGreaterThan(0);
      const yesSum = event.markets.reduce((s, m) => s + Number(JSON.parse(m.outcomePrices as string)[0]), 0);
      expect(yesSum).toBeGreaterThanOrEqual(1.0);
      expect(yesSum).toBeLessThanOrEqual(1.03);
      event.markets.forEach((m) => expect(m).toMatchObject({ negRisk: true, negRiskMarketID: event.negRiskMarketID }));
    }
    events.filter((e) => !e.negRisk).forEach((e) => expect(e.markets).toHaveLength(1));

    const keysetIds: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&after_cursor=${cursor}` : '';
      const { body } = await getJson<{ events: GammaEvent[]; next_cursor: string | null }>(`${sim.gammaUrl}/events/keyset?limit=9${query}`);
      keysetIds.push(...body.events.map((e) => e.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(keysetIds).toEqual(events.map((e) => e.id));
  });

  it('pages events in id order, either way, following events added and markets closed between requests', async () => {
    const own = await startSimulator({ seed: 7, events: 30, tickIntervalMs: 0 });
    try {
      const ids = async (query: string): Promise<string[]> => (await getJson<GammaEvent[]>(`${own.gammaUrl}/events?${query}`)).body.map((e) => e.id);
      const ascending = await ids('limit=500');
      expect(ascending).toEqual([...own.world.events.keys()].sort((a, b) => Number(a) - Number(b)));
      expect(await ids('order=id&limit=500')).toEqual([...ascending].reverse());
      expect(await ids('order=id&ascending=true&limit=4&offset=4')).toEqual(ascending.slice(4, 8));

      const template = own.world.events.get(ascending[0])!;
      const added = { ...template, id: own.world.nextEventId(), slug: 'added-between-pages', marketIds: [] };
      own.world.addEvent(added, []);
      expect((await ids('limit=500')).at(-1)).toBe(added.id);
      expect(await ids('order=id&limit=1')).toEqual([added.id]);

      const closing = own.world.events.get(ascending[2])!;
      for (const market of own.world.marketsOf(closing)) market.closed = true;
      const open = (await ids('limit=500&closed=false'));
      expect(open).not.toContain(closing.id);
      expect(open).toHaveLength(ascending.length);

      // A keyset walk whose last page is exactly full ends there, with no empty page after it.
      const pageSize = open.length / 2;
      expect(Number.isInteger(pageSize)).toBe(true);
      const first = await getJson<{ events: GammaEvent[]; next_cursor: string | null }>(`${own.gammaUrl}/events/keyset?closed=false&limit=${pageSize}`);
      const second = await getJson<{ events: GammaEvent[]; next_cursor: string | null }>(
        `${own.gammaUrl}/events/keyset?closed=false&limit=${pageSize}&after_cursor=${first.body.next_cursor!}`,
      );
      expect([...first.body.events, ...second.body.events].map((e) => e.id)).toEqual(open);
      expect(second.body.next_cursor).toBeNull();
    } finally {
      await own.close();
    }
  });

  it('serves one event by id and 404s an unknown one', async () => {
    const event = [...sim.world.events.values()].find((e) => e.negRisk)!;
    const { status, body } = await getJson<GammaEvent>(`${sim.gammaUrl}/events/${event.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(event.id);
    expect(body.markets.map((m) => m.id)).toEqual(event.marketIds);
    expect((await getJson(`${sim.gammaUrl}/events/999999999`)).status).toBe(404);
  });
  it('filters events by what the query names: closed, liquidity, end date, tag and id, each alone and together', async () => {
    const ids = async (query: string): Promise<string[]> => (await getJson<GammaEvent[]>(`${sim.gammaUrl}/events?limit=500&${query}`)).body.map((e) => e.id).sort();
    const all = [...sim.world.events.values()];
    const liquidityOf = (e: (typeof all)[number]) => sim.world.marketsOf(e).reduce((sum, m) => sum + m.liquidity, 0);
    const closing = all.find((e) => !e.negRisk)!;
    const [market] = sim.world.marketsOf(closing);
    market.closed = true;
    try {
      expect(await ids('closed=true')).toEqual([closing.id]);
      expect(await ids('closed=false')).toEqual(all.filter((e) => e !== closing).map((e) => e.id).sort());
      const median = all.map(liquidityOf).sort((a, b) => a - b)[Math.floor(all.length / 2)];
      expect(await ids(`liquidity_min=${median}`)).toEqual(all.filter((e) => liquidityOf(e) >= median).map((e) => e.id).sort());
      const cutoff = all.map((e) => e.endDate).sort()[Math.floor(all.length / 3)];
      expect(await ids(`end_date_max=${cutoff}&closed=false`)).toEqual(
        all.filter((e) => e !== closing && Date.parse(e.endDate) <= Date.parse(cutoff)).map((e) => e.id).sort(),
      );
      const tag = all[0].tags[0];
      expect(await ids(`tag_slug=${tag.slug}`)).toEqual(all.filter((e) => e.tags.some((t) => t.slug === tag.slug)).map((e) => e.id).sort());
      expect(await ids(`id=${all[1].id}&id=${all[2].id}`)).toEqual([all[1].id, all[2].id].sort());
      expect(await ids('active=false')).toEqual([]);
    } finally {
      market.closed = false;
    }
  });
});
