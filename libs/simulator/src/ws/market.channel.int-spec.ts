import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { getJson, postJson, WsProbe } from '../testing/ws-probe.helper';
import type { WireBook } from '../wire/book.serializer';

interface BookMsg extends WireBook {
  event_type: 'book';
}
interface PriceChangeMsg {
  event_type: 'price_change';
  market: string;
  timestamp: string;
  price_changes: { asset_id: string; price: string; size: string; side: string; hash: string; best_bid: string; best_ask: string }[];
}

const isType = (type: string) => (m: unknown): boolean => typeof m === 'object' && m !== null && !Array.isArray(m) && (m as { event_type?: string }).event_type === type;

describe('market websocket /ws/market', () => {
  let sim: RunningSimulator;
  const probes: WsProbe[] = [];
  const open = async (): Promise<WsProbe> => {
    const probe = await WsProbe.open(`${sim.wsUrl}/market`);
    probes.push(probe);
    return probe;
  };
  /** A client subscribed to `assets` without the initial dump, once the channel has read its subscription (frames are handled in order: PONG means it is in place). */
  const subscribed = async (assets: string[], options: { custom_feature_enabled?: boolean } = {}): Promise<WsProbe> => {
    const probe = await open();
    probe.send({ type: 'market', assets_ids: assets, initial_dump: false, ...options });
    probe.send('PING');
    await probe.waitFor((m) => m === 'PONG');
    return probe;
  };
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, events: 20, tickIntervalMs: 0 });
  });
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close()));
  });
  afterAll(() => sim.close());

  it('dumps one book per subscribed asset as an array, in the REST wire shape', async () => {
    const tokens = [...sim.world.markets.values()].slice(0, 2).flatMap((m) => m.tokenIds);
    const probe = await open();
    probe.send({ type: 'market', assets_ids: tokens, initial_dump: true });
    const dump = await probe.waitFor<BookMsg[]>((m) => Array.isArray(m));
    expect(dump.map((b) => b.asset_id)).toEqual(tokens);
    const rest = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${tokens[0]}`)).body;
    expect(dump[0]).toMatchObject({ event_type: 'book', market: rest.market, hash: rest.hash, bids: rest.bids, asks: rest.asks });
    expect(dump[0].timestamp).toMatch(/^\d{13}$/);
  });

  it('answers PING with PONG', async () => {
    const probe = await open();
    probe.send('PING');
    expect(await probe.waitFor((m) => m === 'PONG')).toBe('PONG');
  });

  it('pushes price_change for subscribed assets after tick() moves their book', async () => {
    const market = [...sim.world.markets.values()].find((m) => !sim.world.eventOf(m)!.negRisk && !sim.world.eventOf(m)!.frozen)!;
    const [yes, no] = market.tokenIds;
    const probe = await open();
    probe.send({ type: 'market', assets_ids: [yes], initial_dump: true });
    await probe.waitFor((m) => Array.isArray(m));
    const from = probe.messages.length;
    const before = market.book.bidMills;
    for (let i = 0; i < 200 && market.book.bidMills === before; i++) sim.tick();
    expect(market.book.bidMills).not.toBe(before);
    const change = await probe.waitFor<PriceChangeMsg>((m) => isType('price_change')(m) && (m as PriceChangeMsg).market === market.conditionId, from);
    expect(change.timestamp).toMatch(/^\d{13}$/);
    expect(change.price_changes.length).toBeGreaterThan(0);
    change.price_changes.forEach((c) => {
      expect(c.asset_id).toBe(yes); // never the unsubscribed NO token
      expect(['BUY', 'SELL']).toContain(c.side);
      expect(typeof c.price).toBe('string');
      expect(typeof c.size).toBe('string');
      expect(c.hash).toMatch(/^[0-9a-f]{40}$/);
    });
    const rest = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yes}`)).body;
    const latest = [...probe.messages].reverse().find((m) => isType('price_change')(m) && (m as PriceChangeMsg).market === market.conditionId) as PriceChangeMsg;
    const last = latest.price_changes.at(-1)!;
    expect(last.best_bid).toBe(rest.bids.at(-1)!.price);
    expect(last.best_ask).toBe(rest.asks.at(-1)!.price);
    expect(last.hash).toBe(rest.hash);
    expect(no).not.toBe(yes);
  });

  it('reports a removed level with size "0" when the spread is spiked', async () => {
    const market = [...sim.world.markets.values()][3];
    const [yes] = market.tokenIds;
    const probe = await subscribed([yes]);
    const oldBest = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yes}`)).body.bids.at(-1)!.price;
    sim.spreadSpike(yes, 6);
    const change = await probe.waitFor<PriceChangeMsg>(isType('price_change'));
    expect(change.price_changes).toContainEqual(expect.objectContaining({ asset_id: yes, price: oldBest, size: '0', side: 'BUY' }));
    expect(probe.messages.some((m) => Array.isArray(m))).toBe(false);
  });

  it('loses the next book changes on demand (over /_sim), then reports changes again, so a client\'s book drifts from REST', async () => {
    const market = [...sim.world.markets.values()][5];
    const [yes] = market.tokenIds;
    const probe = await subscribed([yes]);
    const lose = await postJson<{ losing: number }>(`${sim.url}/_sim/ws/lose-book-changes`, { count: 1 });
    expect(lose.body).toEqual({ losing: 1 });
    expect(sim.state().streamBookChangesToLose).toBe(1);
    const lostBid = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yes}`)).body.bids.at(-1)!.price;
    sim.spreadSpike(yes, 6);
    expect(sim.state().streamBookChangesToLose).toBe(0);
    // The next change is heard again; the lost one (the old best bid removed) never was.
    sim.spreadSpike(yes, 2);
    const heard = await probe.waitFor<PriceChangeMsg>(isType('price_change'));
    expect(probe.messages.filter(isType('price_change'))).toHaveLength(1);
    expect(heard.price_changes).not.toContainEqual(expect.objectContaining({ price: lostBid, size: '0', side: 'BUY' }));
    expect((await postJson(`${sim.url}/_sim/ws/lose-book-changes`, { count: -1 })).status).toBe(400);
  });

  it('sends best_bid_ask only to clients that enabled custom features', async () => {
    const market = [...sim.world.markets.values()][4];
    const [yes] = market.tokenIds;
    const custom = await subscribed([yes], { custom_feature_enabled: true });
    const plain = await subscribed([yes]);
    sim.spreadSpike(yes, 4);
    const top = await custom.waitFor<Record<string, string>>(isType('best_bid_ask'));
    const rest = (await getJson<WireBook>(`${sim.clobUrl}/book?token_id=${yes}`)).body;
    expect(top).toMatchObject({ asset_id: yes, market: market.conditionId, best_bid: rest.bids.at(-1)!.price, best_ask: rest.asks.at(-1)!.price });
    await plain.waitFor(isType('price_change'));
    expect(plain.messages.some(isType('best_bid_ask'))).toBe(false);
  });

  it('announces a resolution on the websocket and in Gamma', async () => {
    const market = [...sim.world.markets.values()][5];
    const [yes, no] = market.tokenIds;
    const probe = await open();
    probe.send({ type: 'market', assets_ids: [no] });
    await probe.waitFor((m) => Array.isArray(m));
    sim.resolveMarket(market.conditionId, 1);
    const resolved = await probe.waitFor<Record<string, unknown>>(isType('market_resolved'));
    expect(resolved).toMatchObject({ market: market.conditionId, assets_ids: [yes, no], winning_asset_id: no, winning_outcome: 'No', id: market.id });
    expect(resolved.timestamp).toMatch(/^\d{13}$/);
    const gamma = (await getJson<Record<string, unknown>[]>(`${sim.gammaUrl}/markets?condition_ids=${market.conditionId}`)).body[0];
    expect(gamma).toMatchObject({ closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', outcomePrices: '["0", "1"]' });
    const closed = (await getJson<{ id: string }[]>(`${sim.gammaUrl}/markets?closed=true`)).body;
    expect(closed.map((m) => m.id)).toContain(market.id);
  });

  it('sends tick_size_change when a market switches to the fine tick', async () => {
    const market = [...sim.world.markets.values()].find((m) => m.tickMills === 10 && !sim.world.eventOf(m)!.frozen && !m.closed)!;
    const probe = await subscribed([market.tokenIds[0]]);
    sim.world.setTickSize(market, 1);
    const event = await probe.waitFor<Record<string, unknown>>(isType('tick_size_change'));
    expect(event).toMatchObject({ asset_id: market.tokenIds[0], market: market.conditionId, old_tick_size: '0.01', new_tick_size: '0.001' });
  });

  it('sends a change only to the sockets subscribed to its token, and none after they unsubscribe', async () => {
    const market = [...sim.world.markets.values()].find((m) => !sim.world.eventOf(m)!.negRisk && !sim.world.eventOf(m)!.frozen)!;
    const [yes, no] = market.tokenIds;
    const [hearsYes, hearsNo] = [await subscribed([yes]), await subscribed([no])];
    const leaves = await open();
    leaves.send({ type: 'market', assets_ids: [yes, no], initial_dump: false });
    leaves.send({ operation: 'unsubscribe', assets_ids: [yes, no] });
    // A PING answered means the server has read every message sent before it.
    leaves.send('PING');
    await leaves.waitFor((m) => m === 'PONG');
    const before = market.book.bidMills;
    for (let i = 0; i < 200 && market.book.bidMills === before; i++) sim.tick();
    const ofMarket = (m: unknown) => isType('price_change')(m) && (m as PriceChangeMsg).market === market.conditionId;
    const yesChange = await hearsYes.waitFor<PriceChangeMsg>(ofMarket);
    const noChange = await hearsNo.waitFor<PriceChangeMsg>(ofMarket);
    expect(new Set(yesChange.price_changes.map((c) => c.asset_id))).toEqual(new Set([yes]));
    expect(new Set(noChange.price_changes.map((c) => c.asset_id))).toEqual(new Set([no]));
    // The tick's messages were sent before this PONG on the same connection.
    const from = leaves.messages.length;
    leaves.send('PING');
    await leaves.waitFor((m) => m === 'PONG', from);
    expect(leaves.messages.filter(ofMarket)).toEqual([]);
  });

  it('unsubscribes, and drops every connection on demand', async () => {
    const probe = await open();
    probe.send({ operation: 'unsubscribe', assets_ids: ['x'] });
    probe.send('not json');
    expect(await probe.waitFor((m) => m === 'INVALID OPERATION')).toBe('INVALID OPERATION');
    expect(sim.disconnectWebsockets()).toBeGreaterThanOrEqual(1);
    await probe.closed();
  });
});
