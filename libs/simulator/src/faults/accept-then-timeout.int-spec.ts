import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OrderType } from '@polymarket/clob-client-v2';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { clobTrader, signOrder, type ClobTrader } from '../testing/clob-trader.helper';
import { postJson } from '../testing/ws-probe.helper';
import { marketBooks } from '../world/token-book.builder';

describe("fault 'accept-then-timeout' on /clob/order (for exactly-once tests)", () => {
  let sim: RunningSimulator;
  let trader: ClobTrader;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 9, events: 10, tickIntervalMs: 0, settlementStepMs: 10 });
    trader = await clobTrader(sim);
  });
  afterAll(() => sim.close());

  it('accepts and matches the order but never answers; the orders and trades reads show it, and a blind retry is refused', async () => {
    const m = [...sim.world.markets.values()].find((x) => !x.closed && !x.negRisk && x.tickMills === 10)!;
    sim.setPrice(m.tokenIds[0], 0.5);
    const ask = marketBooks(m)[0].asks[0];
    const resting = await signOrder(trader, m, 0, 'BUY', marketBooks(m)[0].bids[0].priceMills / 1000, 5);
    const crossing = await signOrder(trader, m, 0, 'BUY', ask.priceMills / 1000, 5);
    // delayMs drops the held connection, because clob-client's axios has no timeout of its own.
    await postJson(`${sim.url}/_sim/faults`, { route: '/clob/order', kind: 'accept-then-timeout', delayMs: 150, times: 2 });

    const lost = (await trader.client.postOrder(resting, OrderType.GTC)) as unknown as { error?: string; orderID?: string };
    expect(lost.orderID).toBeUndefined();
    expect(lost.error).toBeTruthy();
    const lostFill = (await trader.client.postOrder(crossing, OrderType.GTC)) as unknown as { error?: string; orderID?: string };
    expect(lostFill.orderID).toBeUndefined();

    const open = await trader.client.getOpenOrders({ market: m.conditionId });
    expect(open).toEqual([expect.objectContaining({ status: 'LIVE', original_size: '5', side: 'BUY' })]);
    const trades = await trader.client.getTrades({ market: m.conditionId });
    expect(trades).toEqual([expect.objectContaining({ side: 'BUY', size: '5', price: String(ask.priceMills / 1000), trader_side: 'TAKER' })]);
    expect(sim.orders().filter((o) => o.path === '/clob/order')).toHaveLength(2);

    const retry = (await trader.client.postOrder(crossing, OrderType.GTC)) as unknown as { error?: string };
    expect(retry.error).toMatch(/Duplicated/);
    expect(await trader.client.getTrades({ market: m.conditionId })).toHaveLength(1);
  });
});
