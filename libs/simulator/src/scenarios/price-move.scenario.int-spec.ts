import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { postJson, WsProbe } from '../testing/ws-probe.helper';
import type { WireBook } from '../wire/book.serializer';
import type { SimMarket } from '../world/world.types';
import type { PriceMove } from './price-move.scenario';

interface Top {
  readonly bestBid: number;
  readonly bestAsk: number;
  readonly bidSizes: number[];
  readonly askSizes: number[];
  readonly tick: number;
}

interface PriceChangeMsg {
  event_type: 'price_change';
  market: string;
  price_changes: { asset_id: string; best_bid: string; best_ask: string }[];
}

describe('setPrice: POST /_sim/scenario/price', () => {
  let sim: RunningSimulator;
  const probes: WsProbe[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, events: 20, tickIntervalMs: 0 });
  });
  beforeEach(() => sim.reset());
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close()));
  });
  afterAll(() => sim.close());

  /** A binary market on the 0.01 tick with an even spread, so every mid on the tick is exact. */
  const binaryMarket = (): SimMarket =>
    [...sim.world.markets.values()].find((m) => !m.negRisk && !m.closed && m.tickMills === 10 && m.book.spreadTicks % 2 === 0)!;

  /** Top of book and depth as /clob/books serves them (best level last on the wire). */
  async function books(tokenIds: readonly string[]): Promise<Top[]> {
    const { status, body } = await postJson<WireBook[]>(`${sim.clobUrl}/books`, tokenIds.map((token_id) => ({ token_id })));
    expect(status).toBe(200);
    return body.map((book) => ({
      bestBid: Number(book.bids.at(-1)!.price),
      bestAsk: Number(book.asks.at(-1)!.price),
      bidSizes: book.bids.map((l) => Number(l.size)).reverse(),
      askSizes: book.asks.map((l) => Number(l.size)).reverse(),
      tick: Number(book.tick_size),
    }));
  }

  const setPrice = (body: unknown) => postJson<PriceMove & { error?: string }>(`${sim.url}/_sim/scenario/price`, body);

  it('moves a YES token to the given mid: /books shows the new top exactly, same tick, spread and depth, NO mirrored', async () => {
    const market = binaryMarket();
    const [yes, no] = market.tokenIds;
    const [before] = await books([yes]);
    const target = before!.bestBid + before!.bestAsk > 1.2 ? 0.3 : 0.8;

    const moved = await setPrice({ token_id: yes, mid: target });

    expect(moved.status).toBe(200);
    const spread = before!.bestAsk - before!.bestBid;
    expect(moved.body).toEqual({ tokenId: yes, conditionId: market.conditionId, bestBid: expect.any(Number), bestAsk: expect.any(Number) });
    expect((moved.body.bestBid + moved.body.bestAsk) / 2).toBeCloseTo(target, 9);
    const [yesAfter, noAfter] = await books([yes, no]);
    expect([yesAfter!.bestBid, yesAfter!.bestAsk]).toEqual([moved.body.bestBid, moved.body.bestAsk]);
    expect(yesAfter!.bestAsk - yesAfter!.bestBid).toBeCloseTo(spread, 9);
    expect(yesAfter!.bestBid).toBeLessThan(yesAfter!.bestAsk);
    expect(yesAfter!.tick).toBe(before!.tick);
    expect(yesAfter!.bidSizes).toEqual(before!.bidSizes);
    expect(yesAfter!.askSizes).toEqual(before!.askSizes);
    expect(noAfter!.bestBid).toBeCloseTo(1 - yesAfter!.bestAsk, 9);
    expect(noAfter!.bestAsk).toBeCloseTo(1 - yesAfter!.bestBid, 9);
    // On the tick: every price a whole number of ticks.
    for (const price of [yesAfter!.bestBid, yesAfter!.bestAsk]) expect(Math.abs(price / before!.tick - Math.round(price / before!.tick))).toBeLessThan(1e-9);
  });

  it('moves a NO token to the given mid, putting the YES mid at 1 - mid', async () => {
    const market = binaryMarket();
    const [yes, no] = market.tokenIds;
    const moved = await setPrice({ token_id: no, mid: 0.25 });
    expect(moved.status).toBe(200);
    const [yesAfter, noAfter] = await books([yes, no]);
    expect([noAfter!.bestBid, noAfter!.bestAsk]).toEqual([moved.body.bestBid, moved.body.bestAsk]);
    expect((noAfter!.bestBid + noAfter!.bestAsk) / 2).toBeCloseTo(0.25, 9);
    expect((yesAfter!.bestBid + yesAfter!.bestAsk) / 2).toBeCloseTo(0.75, 9);
  });

  it('freezes the event so the random walk leaves the move alone', async () => {
    const market = binaryMarket();
    const [yes] = market.tokenIds;
    const moved = sim.setPrice(yes, 0.64);
    expect(sim.world.eventOf(market)!.frozen).toBe(true);
    const others = [...sim.world.markets.values()].filter((m) => !sim.world.eventOf(m)!.frozen);
    const othersBefore = others.map((m) => m.book.bidMills);
    for (let i = 0; i < 300; i++) sim.tick();
    const [after] = await books([yes]);
    expect([after!.bestBid, after!.bestAsk]).toEqual([moved.bestBid, moved.bestAsk]);
    // The walk did run: unfrozen markets moved meanwhile.
    expect(others.some((m, i) => m.book.bidMills !== othersBefore[i])).toBe(true);
  });

  it('pushes price_change with the new top on the market websocket', async () => {
    const market = binaryMarket();
    const [yes] = market.tokenIds;
    const probe = await WsProbe.open(`${sim.wsUrl}/market`);
    probes.push(probe);
    probe.send({ type: 'market', assets_ids: [yes], initial_dump: true });
    await probe.waitFor((m) => Array.isArray(m));
    const from = probe.messages.length;
    const moved = await setPrice({ token_id: yes, mid: 0.12 });
    const change = await probe.waitFor<PriceChangeMsg>((m) => (m as PriceChangeMsg).event_type === 'price_change', from);
    expect(change.market).toBe(market.conditionId);
    expect(change.price_changes.at(-1)).toMatchObject({ asset_id: yes, best_bid: String(moved.body.bestBid), best_ask: String(moved.body.bestAsk) });
  });

  it('lands on the nearest mid the spread allows when the spread is an odd number of ticks', () => {
    const market = [...sim.world.markets.values()].find((m) => !m.negRisk && !m.closed)!;
    sim.world.mutateBook(market, (m) => {
      m.book.spreadTicks = 3;
    });
    const moved = sim.setPrice(market.tokenIds[0], 0.5);
    const tick = market.tickMills / 1000;
    expect(moved.bestAsk - moved.bestBid).toBeCloseTo(3 * tick, 9);
    expect(Math.abs((moved.bestBid + moved.bestAsk) / 2 - 0.5)).toBeCloseTo(tick / 2, 9);
  });

  it('names bad input: unknown token 404, mid out of (0,1) or without room for the spread 400, resolved market 400', async () => {
    const market = binaryMarket();
    const [yes] = market.tokenIds;
    const unknown = await setPrice({ token_id: '123', mid: 0.5 });
    expect(unknown).toMatchObject({ status: 404, body: { error: 'setPrice: unknown token 123' } });
    expect(() => sim.setPrice('123', 0.5)).toThrow('setPrice: unknown token 123');

    for (const body of [{ token_id: yes, mid: 1.5 }, { token_id: yes, mid: 0 }, { token_id: yes, mid: '0.5' }, { token_id: yes }, { mid: 0.5 }, { token_id: yes, mid: 0.5, extra: 1 }]) {
      const bad = await setPrice(body);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^invalid price scenario: /);
    }
    expect((await setPrice({ token_id: yes, mid: 1.5 })).body.error).toContain('mid');
    expect(() => sim.setPrice(yes, Number.NaN)).toThrow('setPrice: mid must be a number strictly between 0 and 1, got NaN');

    const tooHigh = await setPrice({ token_id: yes, mid: 0.999 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error).toMatch(/^setPrice: mid 0\.999 leaves no room for the book \(tick 0\.01, spread [\d.]+\); mids from [\d.]+ to [\d.]+ fit$/);

    sim.resolveMarket(market.conditionId, 0);
    const resolved = await setPrice({ token_id: yes, mid: 0.5 });
    expect(resolved).toMatchObject({ status: 400, body: { error: `setPrice: market ${market.conditionId} is resolved and has no book to move` } });
  });
});
