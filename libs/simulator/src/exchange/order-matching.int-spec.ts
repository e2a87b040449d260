import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssetType, ClobClient, createL2Headers, OrderType, Side, type OrderResponse } from '@polymarket/clob-client-v2';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { clobTrader, OTHER_TEST_KEY, signOrder, stringHeaders, v5Signer, type ClobTrader } from '../testing/clob-trader.helper';
import { getJson, WsProbe } from '../testing/ws-probe.helper';
import { marketBooks } from '../world/token-book.builder';
import type { SimMarket } from '../world/world.types';

type Refusal = { error: string; success: false; errorMsg: string; status: number };

/** What `size` shares at `priceMills` cost in micro-pUSD, as the venue rounds it. */
const cost = (shares: number, priceMills: number): number => Math.round((Math.round(shares * 1e6) * priceMills) / 1000);

describe('order entry and matching against the simulated books (real clob-client-v2 orders)', () => {
  let sim: RunningSimulator;
  let trader: ClobTrader;
  let spare: SimMarket[];

  /** A fresh standard (or neg-risk) market, frozen at mid 0.5, not used by another test. */
  const market = (negRisk = false): SimMarket => {
    const i = spare.findIndex((m) => m.negRisk === negRisk);
    const [m] = spare.splice(i, 1);
    sim.setPrice(m.tokenIds[0], 0.5);
    return m;
  };
  const asks = (m: SimMarket, outcome: 0 | 1 = 0) => marketBooks(m)[outcome].asks;
  const bids = (m: SimMarket, outcome: 0 | 1 = 0) => marketBooks(m)[outcome].bids;
  const post = async (order: Awaited<ReturnType<typeof signOrder>>, type: OrderType = OrderType.GTC): Promise<OrderResponse & Partial<Refusal>> =>
    trader.client.postOrder(order, type) as Promise<OrderResponse & Partial<Refusal>>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, events: 30, tickIntervalMs: 0, settlementStepMs: 20 });
    trader = await clobTrader(sim);
    sim.setBalance(trader.address, 100_000);
    spare = [...sim.world.markets.values()].filter((m) => !m.closed && m.acceptingOrders && m.tickMills === 10);
  });
  afterAll(() => sim.close());

  it('a crossing GTC BUY takes the asks level by level at their prices; book, balances, positions and the market channel follow', async () => {
    const m = market();
    const [a0, a1] = asks(m);
    const rest = Math.min(3, Math.floor(a1.size / 2));
    const size = a0.size + rest;
    const probe = await WsProbe.open(`${sim.wsUrl}/market`);
    probe.send({ type: 'market', assets_ids: [m.tokenIds[0]], initial_dump: false });
    await new Promise((r) => setTimeout(r, 20));

    const res = await post(await signOrder(trader, m, 0, 'BUY', a1.priceMills / 1000, size));
    const spent = cost(a0.size, a0.priceMills) + cost(rest, a1.priceMills);
    expect(res).toMatchObject({ success: true, errorMsg: '', status: 'matched', takingAmount: String(size), makingAmount: String(spent / 1e6) });
    expect(res.orderID).toMatch(/^0x[0-9a-f]{64}$/);
    expect(res.tradeIDs).toHaveLength(2);
    // clob-client polled /data/trades until the fills were mined and filled in their hashes.
    expect(res.transactionsHashes).toHaveLength(2);

    expect(asks(m)[0]).toEqual({ priceMills: a1.priceMills, size: Number((a1.size - rest).toFixed(2)) });
    const change = await probe.waitFor<{ price_changes: { price: string; size: string; side: string }[] }>(
      (msg) => (msg as { event_type?: string }).event_type === 'price_change',
    );
    expect(change.price_changes).toContainEqual(expect.objectContaining({ price: String(a0.priceMills / 1000), size: '0', side: 'SELL' }));
    const lastTrade = await probe.waitFor<Record<string, string>>((msg) => (msg as { event_type?: string }).event_type === 'last_trade_price');
    expect(lastTrade).toMatchObject({ market: m.conditionId, asset_id: m.tokenIds[0], price: String(a0.priceMills / 1000), side: 'BUY', size: String(a0.size), fee_rate_bps: '0' });
    await probe.close();

    const collateral = await trader.client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(collateral.balance).toBe(String(100_000 * 1e6 - spent));
    const shares = await trader.client.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: m.tokenIds[0] });
    expect(shares.balance).toBe(String(Math.round(size * 1e6)));
    const positions = (await getJson<Record<string, unknown>[]>(`${sim.dataApiUrl}/positions?user=${trader.address}`)).body;
    expect(positions).toContainEqual(
      expect.objectContaining({ asset: m.tokenIds[0], conditionId: m.conditionId, size, outcome: 'Yes', redeemable: false, initialValue: spent / 1e6 }),
    );
    const [trade] = await trader.client.getTrades({ id: res.tradeIDs![0] });
    expect(trade).toMatchObject({ taker_order_id: res.orderID, side: 'BUY', price: String(a0.priceMills / 1000), size: String(a0.size), trader_side: 'TAKER' });
    expect(['MINED', 'CONFIRMED']).toContain(trade.status);
  });

  it('a GTC below the ask rests live: listed by /data/orders and /data/order/:id, then cancelled (and shown by neither, like the venue)', async () => {
    const m = market();
    const bid = bids(m)[0];
    const res = await post(await signOrder(trader, m, 0, 'BUY', bid.priceMills / 1000, 20));
    expect(res).toMatchObject({ success: true, status: 'live', makingAmount: '0', takingAmount: '0', tradeIDs: [] });
    const open = await trader.client.getOpenOrders({ market: m.conditionId });
    expect(open).toEqual([
      expect.objectContaining({ id: res.orderID, status: 'LIVE', side: 'BUY', original_size: '20', size_matched: '0', price: String(bid.priceMills / 1000), order_type: 'GTC', asset_id: m.tokenIds[0], outcome: 'Yes', owner: trader.creds.key }),
    ]);
    expect(await trader.client.getOpenOrders({ asset_id: m.tokenIds[1] })).toEqual([]);
    expect(await trader.client.getOrder(res.orderID)).toMatchObject({ id: res.orderID, status: 'LIVE' });
    expect(await trader.client.cancelOrder({ orderID: res.orderID })).toEqual({ canceled: [res.orderID], not_canceled: {} });
    expect(await trader.client.getOpenOrders({ market: m.conditionId })).toEqual([]);
    expect(await trader.client.getOrder(res.orderID)).toBeNull();
    // On the wire: 200 with a JSON null, what py-clob-client's get_order turns into None.
    const path = `/data/order/${res.orderID}`;
    const raw = await fetch(`${sim.clobUrl}${path}`, { headers: stringHeaders(await createL2Headers(v5Signer(trader.wallet), trader.creds, { method: 'GET', requestPath: path })) });
    expect([raw.status, raw.headers.get('content-type'), await raw.text()]).toEqual([200, expect.stringMatching(/^application\/json/), 'null']);
    expect(sim.exchangeOrders().find((o) => o.id === res.orderID)).toMatchObject({ status: 'CANCELED' });
  });

  it('a GTC that partly crosses rests its remainder, which fills as a maker once the book comes to it', async () => {
    const m = market();
    const a0 = asks(m)[0];
    const res = await post(await signOrder(trader, m, 0, 'BUY', a0.priceMills / 1000, a0.size + 10));
    expect(res).toMatchObject({ status: 'matched', takingAmount: String(a0.size) });
    const [open] = await trader.client.getOpenOrders({ id: res.orderID });
    expect(open).toMatchObject({ original_size: String(a0.size + 10), size_matched: String(a0.size), status: 'LIVE' });
    expect(await trader.client.getOrder(res.orderID)).toMatchObject({ size_matched: String(a0.size), status: 'LIVE' });

    sim.setPrice(m.tokenIds[0], 0.4);
    expect(await trader.client.getOpenOrders({ id: res.orderID })).toEqual([]);
    expect(await trader.client.getOrder(res.orderID)).toBeNull();
    expect(sim.exchangeOrders().find((o) => o.id === res.orderID)).toMatchObject({ status: 'MATCHED', matchedMicro: Math.round((a0.size + 10) * 1e6) });
    const trades = await trader.client.getTrades({ market: m.conditionId });
    expect(trades.map((t) => t.trader_side).sort()).toEqual(['MAKER', 'TAKER']);
  });

  it('FOK fills completely or is killed (400, book untouched); FAK fills what crosses and drops the rest', async () => {
    const m = market();
    const before = asks(m);
    const crossing = before.filter((l) => l.priceMills <= before[1].priceMills).reduce((s, l) => s + l.size, 0);
    const balance = sim.balance(trader.address);
    const fok = await post(await signOrder(trader, m, 0, 'BUY', before[1].priceMills / 1000, crossing + 5), OrderType.FOK);
    expect(fok).toMatchObject({ success: false, status: 400 });
    expect(fok.error).toMatch(/couldn't be fully filled\. FOK orders are fully filled or killed/);
    expect(asks(m)).toEqual(before);
    expect(sim.balance(trader.address)).toBe(balance);
    expect(sim.exchangeOrders().find((o) => o.id === fok.orderID)).toMatchObject({ status: 'CANCELED', matchedMicro: 0 });
    expect(await trader.client.getOrder(fok.orderID!)).toBeNull();

    const fak = await post(await signOrder(trader, m, 0, 'BUY', before[1].priceMills / 1000, crossing + 5), OrderType.FAK);
    expect(fak).toMatchObject({ success: true, status: 'matched', takingAmount: String(Number(crossing.toFixed(2))) });
    expect(await trader.client.getOpenOrders({ market: m.conditionId })).toEqual([]);
    expect(await trader.client.getOrder(fak.orderID)).toBeNull();
  });

  it('refuses the same signed order twice (Duplicated) yet records both posts', async () => {
    const m = market();
    const order = await signOrder(trader, m, 0, 'BUY', bids(m)[1].priceMills / 1000, 5);
    const postsBefore = sim.orders().length;
    const first = await post(order);
    const second = await post(order);
    expect(first.success).toBe(true);
    expect(second).toMatchObject({ success: false, status: 400, error: `order ${first.orderID} is invalid. Duplicated.` });
    expect(sim.orders().length - postsBefore).toBe(2);
    expect(sim.exchangeOrders().filter((o) => o.id === first.orderID)).toHaveLength(1);
  });

  it('refuses a signature that is not the api key owner\'s, a tampered order and the wrong exchange with "invalid signature"', async () => {
    const m = market();
    const price = bids(m)[1].priceMills / 1000;
    const other = await clobTrader(sim, OTHER_TEST_KEY);
    const foreign = await post(await signOrder(other, m, 0, 'BUY', price, 5));
    expect(foreign).toMatchObject({ success: false, errorMsg: 'invalid signature', status: 400 });
    const tampered = await signOrder(trader, m, 0, 'BUY', price, 5);
    const res = await post({ ...tampered, takerAmount: String(Number(tampered.takerAmount) * 2) });
    expect(res).toMatchObject({ success: false, errorMsg: 'invalid signature' });

    const negRisk = market(true);
    const wrongExchange = await trader.client.createOrder(
      { tokenID: negRisk.tokenIds[0], price: bids(negRisk)[1].priceMills / 1000, size: 5, side: Side.BUY },
      { tickSize: '0.01', negRisk: false, version: 2 },
    );
    expect(await post(wrongExchange)).toMatchObject({ success: false, errorMsg: 'invalid signature' });
    const rightExchange = await signOrder(trader, negRisk, 0, 'BUY', asks(negRisk)[0].priceMills / 1000, 5);
    expect(await post(rightExchange)).toMatchObject({ success: true, status: 'matched', takingAmount: '5' });
  });

  it('refuses prices off the tick grid, sizes under the minimum, and orders the balance cannot cover', async () => {
    const m = market();
    trader.client.tickSizes[m.tokenIds[0]] = '0.001';
    const offTick = await post(
      await trader.client.createOrder({ tokenID: m.tokenIds[0], price: 0.415, size: 10, side: Side.BUY }, { tickSize: '0.001', negRisk: false, version: 2 }),
    );
    delete trader.client.tickSizes[m.tokenIds[0]];
    expect(offTick.error).toMatch(/Price \(0\.415\) breaks minimum tick size rule: 0\.01/);
    const small = await post(await signOrder(trader, m, 0, 'BUY', 0.4, 2));
    expect(small.error).toMatch(/Size \(2\) lower than the minimum: 5/);

    const poor = await clobTrader(sim, OTHER_TEST_KEY);
    sim.setBalance(poor.address, 3);
    const res = (await poor.client.postOrder(await signOrder(poor, m, 0, 'BUY', 0.4, 10), OrderType.GTC)) as OrderResponse & Partial<Refusal>;
    expect(res).toMatchObject({ success: false, error: 'not enough balance / allowance' });
    const sellUnowned = (await poor.client.postOrder(await signOrder(poor, m, 1, 'SELL', 0.6, 10), OrderType.GTC)) as OrderResponse & Partial<Refusal>;
    expect(sellUnowned).toMatchObject({ success: false, error: 'not enough balance / allowance' });
  });

  it('sells shares held into the bids and credits the proceeds', async () => {
    const m = market();
    const a0 = asks(m)[0];
    await post(await signOrder(trader, m, 0, 'BUY', a0.priceMills / 1000, 10));
    const b0 = bids(m)[0];
    const balance = sim.balance(trader.address);
    const res = await post(await signOrder(trader, m, 0, 'SELL', b0.priceMills / 1000, 10));
    expect(res).toMatchObject({ success: true, status: 'matched', makingAmount: '10', takingAmount: String(cost(10, b0.priceMills) / 1e6) });
    expect(sim.balance(trader.address)).toBeCloseTo(balance + cost(10, b0.priceMills) / 1e6, 6);
    const shares = await trader.client.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: m.tokenIds[0] });
    expect(shares.balance).toBe('0');
  });

  it('GTD: an expiration in the past is refused; a future one rests with its expiration', async () => {
    const m = market();
    const price = bids(m)[1].priceMills / 1000;
    const past = await post(await signOrder(trader, m, 0, 'BUY', price, 5, Math.floor(Date.now() / 1000) - 10), OrderType.GTD);
    expect(past).toMatchObject({ success: false, error: 'invalid expiration' });
    const until = Math.floor(Date.now() / 1000) + 3600;
    const live = await post(await signOrder(trader, m, 0, 'BUY', price, 5, until), OrderType.GTD);
    expect(live.status).toBe('live');
    expect(await trader.client.getOrder(live.orderID)).toMatchObject({ order_type: 'GTD', expiration: String(until) });
  });

  it('a proxy-wallet order (signatureType 2, funder as maker) spends and reports the funder\'s pUSD', async () => {
    const m = market();
    const funder = '0x00000000000000000000000000000000000f00d5';
    sim.setBalance(funder, 40);
    const proxy = new ClobClient({ host: sim.clobUrl, chain: 137, signer: v5Signer(trader.wallet), creds: trader.creds, signatureType: 2, funderAddress: funder });
    const a0 = asks(m)[0];
    const order = await proxy.createOrder({ tokenID: m.tokenIds[0], price: a0.priceMills / 1000, size: 10, side: Side.BUY }, { tickSize: '0.01', negRisk: false, version: 2 });
    expect(order).toMatchObject({ maker: funder, signer: trader.address, signatureType: 2 });
    const traderBalance = sim.balance(trader.address);
    expect(await proxy.postOrder(order, OrderType.GTC)).toMatchObject({ success: true, status: 'matched', takingAmount: '10' });
    expect(sim.balance(funder)).toBeCloseTo(40 - cost(10, a0.priceMills) / 1e6, 6);
    expect(sim.balance(trader.address)).toBe(traderBalance);
    expect((await proxy.getBalanceAllowance({ asset_type: AssetType.COLLATERAL })).balance).toBe(String(40 * 1e6 - cost(10, a0.priceMills)));
    expect((await getJson<{ asset: string }[]>(`${sim.dataApiUrl}/positions?user=${funder}`)).body.map((p) => p.asset)).toEqual([m.tokenIds[0]]);
  });

  it('POST /orders places a batch, answering each order in turn', async () => {
    const m = market();
    const b = bids(m);
    const answers = (await trader.client.postOrders([
      { order: await signOrder(trader, m, 0, 'BUY', b[1].priceMills / 1000, 5), orderType: OrderType.GTC },
      { order: await signOrder(trader, m, 0, 'BUY', b[2].priceMills / 1000, 2), orderType: OrderType.GTC },
    ])) as (OrderResponse & Partial<Refusal>)[];
    expect(answers).toEqual([
      expect.objectContaining({ success: true, status: 'live' }),
      expect.objectContaining({ success: false, errorMsg: expect.stringMatching(/lower than the minimum: 5/) }),
    ]);
    expect(await trader.client.getOpenOrders({ market: m.conditionId })).toHaveLength(1);
    const cancelled = (await trader.client.cancelAll()) as { canceled: string[] };
    expect(cancelled.canceled).toContain(answers[0].orderID);
    expect(await trader.client.getOpenOrders()).toEqual([]);
  });

  it('serves the market lookups clob-client-v2 makes for market orders, and a market FOK buys by dollars', async () => {
    const m = market();
    const info = await trader.client.getClobMarketInfo(m.conditionId);
    expect(info).toMatchObject({ mts: 0.01, nr: false, t: [{ t: m.tokenIds[0], o: 'Yes' }, { t: m.tokenIds[1], o: 'No' }] });
    const a0 = asks(m)[0];
    const order = await trader.client.createMarketOrder({ tokenID: m.tokenIds[0], amount: 2, side: Side.BUY, orderType: OrderType.FOK }, { tickSize: '0.01', negRisk: false, version: 2 });
    const res = await post(order, OrderType.FOK);
    expect(res).toMatchObject({ success: true, status: 'matched' });
    expect(Number(res.makingAmount)).toBeLessThanOrEqual(2);
    expect(Number(res.takingAmount)).toBeCloseTo(2 / (a0.priceMills / 1000), 2);
  });
});
