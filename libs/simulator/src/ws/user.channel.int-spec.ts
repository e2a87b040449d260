import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OrderType } from '@polymarket/clob-client-v2';
import { WebSocket } from 'ws';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { clobTrader, OTHER_TEST_KEY, signOrder, type ClobTrader } from '../testing/clob-trader.helper';
import { WsProbe } from '../testing/ws-probe.helper';
import { marketBooks } from '../world/token-book.builder';
import type { SimMarket } from '../world/world.types';

interface UserEvent {
  readonly event_type: 'order' | 'trade';
  readonly type: string;
  readonly id: string;
  readonly status: string;
  readonly market: string;
  readonly [field: string]: unknown;
}

const isEvent = (match: Partial<UserEvent>) => (msg: unknown): boolean =>
  typeof msg === 'object' && msg !== null && Object.entries(match).every(([k, v]) => (msg as Record<string, unknown>)[k] === v);

describe('user channel /ws/user', () => {
  let sim: RunningSimulator;
  let trader: ClobTrader;
  let markets: SimMarket[];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, events: 20, tickIntervalMs: 0, settlementStepMs: 30 });
    trader = await clobTrader(sim);
    markets = [...sim.world.markets.values()].filter((m) => !m.closed && !m.negRisk && m.tickMills === 10).slice(0, 2);
    for (const m of markets) sim.setPrice(m.tokenIds[0], 0.5);
  });
  afterAll(() => sim.close());

  const subscribe = async (t: ClobTrader, conditionIds: string[]): Promise<WsProbe> => {
    const probe = await WsProbe.open(`${sim.wsUrl}/user`);
    probe.send({ auth: { apiKey: t.creds.key, secret: t.creds.secret, passphrase: t.creds.passphrase }, type: 'user', markets: conditionIds });
    await new Promise((r) => setTimeout(r, 20));
    return probe;
  };

  it('closes a connection whose auth is wrong, saying why', async () => {
    const socket = new WebSocket(`${sim.wsUrl}/user`);
    await new Promise((r) => socket.once('open', r));
    const got: string[] = [];
    socket.on('message', (d) => got.push(d.toString()));
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.send(JSON.stringify({ auth: { apiKey: trader.creds.key, secret: 'wrong', passphrase: trader.creds.passphrase }, type: 'user', markets: [] }));
    expect(await closed).toEqual({ code: 1008, reason: 'Unauthorized/Invalid api key' });
    expect(got).toEqual([JSON.stringify({ error: 'Unauthorized/Invalid api key' })]);
  });

  it("sends the owner's order PLACEMENT / UPDATE / CANCELLATION and trade MATCHED -> MINED -> CONFIRMED, for subscribed markets only", async () => {
    const [m, other] = markets;
    const probe = await subscribe(trader, [m.conditionId]);
    const stranger = await subscribe(await clobTrader(sim, OTHER_TEST_KEY), []);

    const bid = marketBooks(m)[0].bids[0];
    const resting = await trader.client.postOrder(await signOrder(trader, m, 0, 'BUY', bid.priceMills / 1000, 10), OrderType.GTC);
    const placement = await probe.waitFor<UserEvent>(isEvent({ event_type: 'order', type: 'PLACEMENT', id: resting.orderID }));
    expect(placement).toMatchObject({
      status: 'LIVE', market: m.conditionId, asset_id: m.tokenIds[0], side: 'BUY', original_size: '10', size_matched: '0',
      price: String(bid.priceMills / 1000), owner: trader.creds.key, order_owner: trader.creds.key, order_type: 'GTC', outcome: 'Yes',
    });
    expect(typeof placement.timestamp).toBe('string');

    const ask = marketBooks(m)[0].asks[0];
    const taker = await trader.client.postOrder(await signOrder(trader, m, 0, 'BUY', ask.priceMills / 1000, 5), OrderType.GTC);
    const tradeId = taker.tradeIDs![0];
    await probe.waitFor(isEvent({ event_type: 'trade', id: tradeId, status: 'CONFIRMED' }));
    const statuses = probe.messages.filter(isEvent({ event_type: 'trade', id: tradeId })).map((e) => (e as UserEvent).status);
    expect(statuses).toEqual(['MATCHED', 'MINED', 'CONFIRMED']);
    const mined = probe.messages.find(isEvent({ event_type: 'trade', id: tradeId, status: 'MINED' })) as UserEvent;
    expect(mined).toMatchObject({ type: 'TRADE', taker_order_id: taker.orderID, side: 'BUY', size: '5', trader_side: 'TAKER', trade_owner: trader.creds.key });
    expect(mined.transaction_hash).toMatch(/^0x[0-9a-f]{64}$/);

    sim.setPrice(m.tokenIds[0], 0.3);
    const update = await probe.waitFor<UserEvent>(isEvent({ event_type: 'order', type: 'UPDATE', id: resting.orderID }));
    expect(update).toMatchObject({ size_matched: '10', status: 'MATCHED' });
    expect(update.associate_trades).toHaveLength(1);
    await probe.waitFor(isEvent({ event_type: 'trade', trader_side: 'MAKER', status: 'CONFIRMED' }));

    const elsewhere = await trader.client.postOrder(await signOrder(trader, other, 0, 'BUY', marketBooks(other)[0].bids[1].priceMills / 1000, 5), OrderType.GTC);
    await trader.client.cancelOrder({ orderID: elsewhere.orderID });
    const lastly = await trader.client.postOrder(await signOrder(trader, m, 0, 'BUY', 0.2, 5), OrderType.GTC);
    await trader.client.cancelOrder({ orderID: lastly.orderID });
    await probe.waitFor(isEvent({ event_type: 'order', type: 'CANCELLATION', id: lastly.orderID, status: 'CANCELED' }));
    expect(probe.messages.filter(isEvent({ market: other.conditionId }))).toEqual([]);
    expect(stranger.messages).toEqual([]);
    await Promise.all([probe.close(), stranger.close()]);
  });
});
