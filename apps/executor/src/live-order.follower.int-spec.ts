import type { Intent, OrderRequest, OrderType } from '@polybot/domain';
import { createLogger } from '@polybot/observability';
import { ClobTradingClient, UserChannelWatcher } from '@polybot/polymarket/trading';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { waitFor } from '@polybot/testing';
import { Wallet } from 'ethers';
import { OrderNotSettled } from './execution-venue';
import { LiveOrderFollower, ORDER_VISIBLE_WITHIN_MS, TRADES_CLOCK_MARGIN_MS } from './live-order.follower';

/** The token's best bid and best ask level, as GET /book answers them (best level last). */
interface TopOfBook {
  readonly bestBid: number;
  readonly bestAsk: { readonly price: number; readonly size: number };
}

describe('LiveOrderFollower against the simulator (HTTP and the user websocket)', () => {
  let sim: RunningSimulator;
  let watcher: UserChannelWatcher | undefined;
  const logger = createLogger({ service: 'test', level: 'silent' });
  const intent = (id: string) => ({ id, createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) }) as Intent;
  const request = (tokenId: string, side: 'BUY' | 'SELL', price: number, size: number, intentId: string, orderType: OrderType = 'GTC'): OrderRequest => ({
    clientOrderId: `polybot-${intentId}`, intentId, tokenId, side, price, size, notionalUsd: price * size, orderType, tickSize: 0.01, negRisk: false,
  });
  const connect = (privateKey = Wallet.createRandom().privateKey) => ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey, signatureType: 0, timeoutMs: 2000 });

  /** A fresh 0.01-tick market (one per test) whose token's top of book `fits`, and that top of book. */
  const used = new Set<string>();
  async function pickToken(fits: (top: TopOfBook) => boolean = () => true): Promise<{ tokenId: string; top: TopOfBook }> {
    for (;;) {
      const market = [...sim.world.markets.values()].find((m) => !m.negRisk && !m.closed && m.acceptingOrders && m.tickMills === 10 && !used.has(m.conditionId))!;
      used.add(market.conditionId);
      const tokenId = market.tokenIds[0];
      const book = (await fetch(`${sim.clobUrl}/book?token_id=${tokenId}`).then((r) => r.json())) as { bids: { price: string }[]; asks: { price: string; size: string }[] };
      const asks = book.asks.map((l) => ({ price: Number(l.price), size: Number(l.size) })).sort((a, b) => a.price - b.price);
      const top = { bestBid: Math.max(...book.bids.map((l) => Number(l.price))), bestAsk: asks[0] };
      if (fits(top)) return { tokenId, top };
    }
  }
  /** A bid one tick above the best bid rests: the spread is wider than one tick. */
  const roomToRest = (top: TopOfBook) => top.bestBid + 0.015 < top.bestAsk.price;
  /** The account's $1,000 can take the best ask level and 6 shares more. */
  const affordableLevel = (top: TopOfBook) => top.bestAsk.price * (top.bestAsk.size + 6) <= 900;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, settlementStepMs: 10 });
  });
  afterAll(async () => {
    watcher?.close();
    await sim?.close();
  });

  it('wakes on the user channel when a resting order fills, long before the next poll', async () => {
    const { tokenId, top } = await pickToken(roomToRest);
    const ours = await connect();

    // Our bid rests one tick above the best bid, below the ask.
    const price = Number((top.bestBid + 0.01).toFixed(2));
    expect(price).toBeLessThan(top.bestAsk.price);
    const signed = await ours.signOrder(request(tokenId, 'BUY', price, 6, 'ours'));
    expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, orderId: signed.orderHash });

    watcher = new UserChannelWatcher({ wsUrl: sim.wsUrl, auth: async () => ours.wsAuth });
    // A poll every minute: only a websocket wake-up can finish this inside the test's timeout.
    const follower = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000, wake: (id, ms) => watcher!.wake(id, ms) });
    const ourIntent = intent('ours');
    const readTrades = jest.spyOn(ours, 'getTrades');
    const followed = follower.follow(ours, signed.orderHash, { tokenId, size: 6, orderType: 'GTC' }, ourIntent);
    // Let the first status read and the subscription happen, then move the market down through our bid.
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.setPrice(tokenId, Number((price - 0.05).toFixed(2)));

    const result = await followed;
    // The venue answers a filled order with nothing: the last view of it is the one while it rested; its fill is in the trades.
    expect(await ours.getOrder(signed.orderHash)).toBeNull();
    expect(result.order).toMatchObject({ id: signed.orderHash, status: 'LIVE', sizeMatched: 0 });
    expect(result.cancelledAtExpiry).toBe(false);
    expect(result.trades.flatMap((t) => t.makerOrders.filter((m) => m.orderId === signed.orderHash).map((m) => m.matchedAmount))).toEqual([6]);
    // Its trades are read from the intent's creation less the clock margin, not from the account's first trade.
    expect(readTrades).toHaveBeenCalledWith({ tokenId, after: new Date(ourIntent.createdAt.getTime() - TRADES_CLOCK_MARGIN_MS) });
    expect(await ours.getTrades({ tokenId, after: new Date(Date.now() - 60_000) })).toHaveLength(result.trades.length);
    expect(await ours.getTrades({ tokenId, after: new Date(Date.now() + 60_000) })).toEqual([]);
  }, 30_000);

  // The venue answers GET /data/order/{id} for a closed order with nothing. A follower that took
  // that for "still open" would poll on until the intent's expiry, ten minutes away: these tests
  // would time out.
  it('a FOK filled at once, which the venue answers with nothing, is done at the first look: its fill comes from the trades', async () => {
    const { tokenId, top } = await pickToken();
    const ours = await connect();
    const size = Math.max(5, Math.ceil(1 / top.bestAsk.price) + 1);
    expect(size).toBeLessThanOrEqual(top.bestAsk.size);
    const signed = await ours.signOrder(request(tokenId, 'BUY', top.bestAsk.price, size, 'fok', 'FOK'));
    expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, orderId: signed.orderHash, status: 'matched' });
    expect(await ours.getOrder(signed.orderHash)).toBeNull();

    const reads = jest.spyOn(ours, 'getOrder');
    const cancels = jest.spyOn(ours, 'cancelOrder');
    const result = await new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'FOK' }, intent('fok'));

    expect(reads).toHaveBeenCalledTimes(1);
    expect(cancels).not.toHaveBeenCalled();
    expect(result.order).toBeNull();
    expect(result.cancelledAtExpiry).toBe(false);
    expect(result.trades.map((t) => ({ taker: t.takerOrderId, size: t.size, price: t.price }))).toEqual([{ taker: signed.orderHash, size, price: top.bestAsk.price }]);
  }, 10_000);

  it('a GTC partly filled, its remainder then cancelled at the venue (not by us), is done once the venue answers it with nothing', async () => {
    const { tokenId, top } = await pickToken(affordableLevel);
    const key = Wallet.createRandom().privateKey;
    const ours = await connect(key);
    // It takes the best ask level and rests 6 shares more at that price.
    const size = top.bestAsk.size + 6;
    const signed = await ours.signOrder(request(tokenId, 'BUY', top.bestAsk.price, size, 'gtc'));
    expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, orderId: signed.orderHash, status: 'matched' });
    expect(await ours.getOrder(signed.orderHash)).toMatchObject({ status: 'LIVE', originalSize: size, sizeMatched: top.bestAsk.size });

    const follower = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 200 });
    const cancels = jest.spyOn(ours, 'cancelOrder');
    const followed = follower.follow(ours, signed.orderHash, { tokenId, size, orderType: 'GTC' }, intent('gtc'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Someone else (the operator at polymarket.com, the venue itself) cancels the remainder.
    expect(await (await connect(key)).cancelOrder(signed.orderHash)).toBe(true);

    const result = await followed;
    expect(await ours.getOrder(signed.orderHash)).toBeNull();
    // Before taking it for closed the follower cancels it, in case it rests unseen: nothing left to cancel.
    expect(cancels).toHaveBeenCalledTimes(1);
    expect(cancels).toHaveBeenCalledWith(signed.orderHash);
    await expect(cancels.mock.results[0].value).resolves.toBe(false);
    expect(result.cancelledAtExpiry).toBe(false);
    // The last view is the one while it rested; what filled is in the trades.
    expect(result.order).toMatchObject({ id: signed.orderHash, status: 'LIVE', sizeMatched: top.bestAsk.size });
    expect(result.trades.filter((t) => t.takerOrderId === signed.orderHash).reduce((s, t) => s + t.size, 0)).toBeCloseTo(top.bestAsk.size, 6);
    expect(sim.exchangeOrders().find((o) => o.id === signed.orderHash)).toMatchObject({ status: 'CANCELED' });
  }, 10_000);

  // Right after a post the venue's reads can lag its matching engine: an order that may rest and
  // is not shown yet is looked for again, never taken for closed at once.
  describe('an order the venue does not show yet', () => {
    afterEach(() => sim.clearFaults());

    /** The venue's order reads answer nothing for the next `looks` looks (GET /data/order and the open orders). */
    const lagReads = (looks?: number) => {
      sim.addFault({ route: '/clob/data/order', kind: 'stale-read', times: looks });
      sim.addFault({ route: '/clob/data/orders', kind: 'stale-read', times: looks });
    };

    /** A 6-share bid resting one tick above the best bid. */
    async function restingBid(intentId: string) {
      const { tokenId, top } = await pickToken(roomToRest);
      const ours = await connect();
      const price = Number((top.bestBid + 0.01).toFixed(2));
      const signed = await ours.signOrder(request(tokenId, 'BUY', price, 6, intentId));
      expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, status: 'live' });
      return { tokenId, ours, signed, price };
    }

    /** A resting bid (restingBid) which the venue's order reads never show. */
    async function restingUnseen(intentId: string) {
      const resting = await restingBid(intentId);
      lagReads();
      return resting;
    }

    /** A GTC bid that takes the best ask level at post and rests 6 shares more at that price. */
    async function partFilledGtc(intentId: string) {
      const { tokenId, top } = await pickToken(affordableLevel);
      const ours = await connect();
      const size = top.bestAsk.size + 6;
      const signed = await ours.signOrder(request(tokenId, 'BUY', top.bestAsk.price, size, intentId));
      expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, status: 'matched' });
      return { tokenId, top, ours, size, signed };
    }

    /** A FOK bid for a few dollars at the best ask, filled at once. */
    async function filledFok(intentId: string) {
      const { tokenId, top } = await pickToken();
      const ours = await connect();
      const size = Math.max(5, Math.ceil(1 / top.bestAsk.price) + 1);
      const signed = await ours.signOrder(request(tokenId, 'BUY', top.bestAsk.price, size, intentId, 'FOK'));
      expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, status: 'matched' });
      return { tokenId, ours, size, signed };
    }

    it('a resting GTC shown only after a few looks is followed until it fills, its fill recorded', async () => {
      const { tokenId, ours, signed, price } = await restingBid('lagging');
      lagReads(3);

      const followed = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 200 }).follow(ours, signed.orderHash, { tokenId, size: 6, orderType: 'GTC' }, intent('lagging'));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      sim.setPrice(tokenId, Number((price - 0.05).toFixed(2)));

      const result = await followed;
      expect(result.order).toMatchObject({ id: signed.orderHash, status: 'LIVE' });
      expect(result.trades.flatMap((t) => t.makerOrders.filter((m) => m.orderId === signed.orderHash).map((m) => m.matchedAmount))).toEqual([6]);
    }, 15_000);

    it('a GTC its trades fill at once is done at the first look, without waiting to be shown', async () => {
      const { tokenId, top } = await pickToken();
      const ours = await connect();
      const size = Math.max(5, Math.ceil(1 / top.bestAsk.price) + 1);
      const signed = await ours.signOrder(request(tokenId, 'BUY', top.bestAsk.price, size, 'filled-gtc'));
      expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, status: 'matched' });
      const reads = jest.spyOn(ours, 'getOrder');

      const result = await new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'GTC' }, intent('filled-gtc'));

      expect(reads).toHaveBeenCalledTimes(1);
      expect(result.trades.map((t) => t.size)).toEqual([size]);
    }, 10_000);

    it('a resting GTC the venue never shows and no trade fills is cancelled once it has had time to show, then taken for closed', async () => {
      const { tokenId, ours, signed } = await restingUnseen('never-shown');
      const reads = jest.spyOn(ours, 'getOrder');
      const cancels = jest.spyOn(ours, 'cancelOrder');
      const started = Date.now();

      const result = await new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size: 6, orderType: 'GTC' }, intent('never-shown'));

      expect(Date.now() - started).toBeGreaterThanOrEqual(ORDER_VISIBLE_WITHIN_MS);
      expect(reads.mock.calls.length).toBeGreaterThan(2);
      expect(cancels).toHaveBeenCalledTimes(1);
      await expect(cancels.mock.results[0].value).resolves.toBe(true);
      expect(result).toEqual({ order: null, trades: [], cancelledAtExpiry: false });
      // It rested all along: left there it could fill unrecorded.
      expect(sim.exchangeOrders().find((o) => o.id === signed.orderHash)).toMatchObject({ status: 'CANCELED' });
    }, 15_000);

    it('a resting GTC seen open, then hidden by stale reads while it still rests, is cancelled rather than left resting: its trades returned, even when they lag', async () => {
      const { tokenId, top, ours, size, signed } = await partFilledGtc('hidden');
      const reads = jest.spyOn(ours, 'getOrder');
      const cancels = jest.spyOn(ours, 'cancelOrder');

      const followed = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 200 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'GTC' }, intent('hidden'));
      // Seen open at the first look; from then on the reads (a replica further behind) show it nowhere, longer than it has to show.
      await waitFor(async () => reads.mock.results.length > 0 && (await reads.mock.results[0].value) !== null, { timeoutMs: 5_000, what: 'the first look at the order' });
      lagReads();
      // The trades lag too: the first two reads show none of the shares the venue showed matched.
      sim.addFault({ route: '/clob/data/trades', kind: 'stale-read', times: 2 });
      const result = await followed;

      expect(result.order).toMatchObject({ id: signed.orderHash, status: 'LIVE', sizeMatched: top.bestAsk.size });
      // Cancelled at the first look that found it nowhere; looked at again (nothing left to cancel) once its trades caught up.
      await expect(cancels.mock.results[0].value).resolves.toBe(true);
      expect(sim.exchangeOrders().find((o) => o.id === signed.orderHash)).toMatchObject({ status: 'CANCELED' });
      expect(result.trades.filter((t) => t.takerOrderId === signed.orderHash).reduce((s, t) => s + t.size, 0)).toBeCloseTo(top.bestAsk.size, 6);
    }, 15_000);

    it('a resting GTC filled just before our cancel while the venue\'s reads lag: its fill is read once the reads have caught up with the cancel', async () => {
      const { tokenId, ours, signed, price } = await restingBid('filled-unseen');
      const reads = jest.spyOn(ours, 'getOrder');
      const cancels = jest.spyOn(ours, 'cancelOrder');

      const followed = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 200 }).follow(ours, signed.orderHash, { tokenId, size: 6, orderType: 'GTC' }, intent('filled-unseen'));
      await waitFor(async () => reads.mock.results.length > 0 && (await reads.mock.results[0].value) !== null, { timeoutMs: 5_000, what: 'the first look at the order' });
      // From here the venue's reads, of the order and of its trades, are 4 s behind its matching; meanwhile the bid fills.
      for (const route of ['/clob/data/order', '/clob/data/orders', '/clob/data/trades']) sim.addFault({ route, kind: 'stale-read', forMs: 4_000 });
      sim.setPrice(tokenId, Number((price - 0.05).toFixed(2)));
      const result = await followed;

      // Shown nowhere, so cancelled before it was taken for closed: nothing left to cancel, it had filled.
      expect(cancels).toHaveBeenCalledTimes(1);
      await expect(cancels.mock.results[0].value).resolves.toBe(false);
      expect(result.trades.flatMap((t) => t.makerOrders.filter((m) => m.orderId === signed.orderHash).map((m) => m.matchedAmount))).toEqual([6]);
    }, 20_000);

    it('a GTC seen part-filled whose trades never show that fill, even once the reads have had time to catch up with our cancel, is not settled', async () => {
      const { tokenId, top, ours, size, signed } = await partFilledGtc('fill-never-shown');
      const reads = jest.spyOn(ours, 'getOrder');

      const followed = new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 200 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'GTC' }, intent('fill-never-shown'));
      await waitFor(async () => reads.mock.results.length > 0 && (await reads.mock.results[0].value) !== null, { timeoutMs: 5_000, what: 'the first look at the order' });
      lagReads();
      sim.addFault({ route: '/clob/data/trades', kind: 'stale-read' });

      await expect(followed).rejects.toThrow(new OrderNotSettled(`order ${signed.orderHash} has closed but its trades show 0 shares matched where the venue showed ${top.bestAsk.size}; the rest may still be on its way to the venue's trade reads`));
      expect(sim.exchangeOrders().find((o) => o.id === signed.orderHash)).toMatchObject({ status: 'CANCELED' });
    }, 20_000);

    it('a resting GTC not shown at the intent\'s expiry whose cancel fails is not settled: it may rest unseen', async () => {
      const { tokenId, ours, signed } = await restingUnseen('expiring-unseen');
      jest.spyOn(ours, 'cancelOrder').mockRejectedValue(new Error('clob DELETE /order: socket hang up'));
      const expiring = { ...intent('expiring-unseen'), expiresAt: new Date(Date.now() + 1_000) } as Intent;

      await expect(new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size: 6, orderType: 'GTC' }, expiring))
        .rejects.toThrow(OrderNotSettled);
      expect(sim.exchangeOrders().find((o) => o.id === signed.orderHash)).toMatchObject({ status: 'LIVE' });
    }, 15_000);

    it('a trades read that keeps failing is looked at again every 250 ms but logged once per 10 s, not at every look, and how often when the following ends', async () => {
      const { tokenId, ours, size, signed } = await filledFok('fok-failing-reads');
      sim.addFault({ route: '/clob/data/trades', kind: 'status', status: 503, times: 12 });
      const trades = jest.spyOn(ours, 'getTrades');
      const warned = jest.spyOn(logger, 'warn');

      const result = await new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'FOK' }, intent('fok-failing-reads'));

      expect(result.trades.map((t) => ({ taker: t.takerOrderId, size: t.size }))).toEqual([{ taker: signed.orderHash, size }]);
      // Three failed reads at least, then the one that showed the fill.
      expect(trades.mock.calls.length).toBeGreaterThanOrEqual(4);
      const lines = warned.mock.calls.filter(([, message]) => message === 'Trades read failed; will look again').map(([fields]) => (fields as unknown as Record<string, unknown>)['repeats_left_out']);
      // The first failure, then, as the following ended, one line for the rest.
      expect(lines).toEqual([undefined, trades.mock.calls.length - 2]);
      warned.mockRestore();
    }, 15_000);

    it('a FOK that filled whose trades the venue does not show yet: its trades are read again until they show the fill', async () => {
      const { tokenId, ours, size, signed } = await filledFok('fok-lag');
      sim.addFault({ route: '/clob/data/trades', kind: 'stale-read', times: 2 });
      const trades = jest.spyOn(ours, 'getTrades');
      const cancels = jest.spyOn(ours, 'cancelOrder');
      const started = Date.now();

      const result = await new LiveOrderFollower(Date.now, logger, { pollIntervalMs: 60_000 }).follow(ours, signed.orderHash, { tokenId, size, orderType: 'FOK' }, intent('fok-lag'));

      expect(trades).toHaveBeenCalledTimes(3);
      expect(Date.now() - started).toBeLessThan(ORDER_VISIBLE_WITHIN_MS);
      expect(cancels).not.toHaveBeenCalled();
      expect(result.trades.map((t) => ({ taker: t.takerOrderId, size: t.size }))).toEqual([{ taker: signed.orderHash, size }]);
    }, 15_000);
  });
});
