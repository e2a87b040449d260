import type { Intent, OrderRequest } from '@polybot/domain';
import { createLogger } from '@polybot/observability';
import { ClobTradingClient, UserChannelWatcher } from '@polybot/polymarket/trading';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { Wallet } from 'ethers';
import { LiveOrderFollower, TRADES_CLOCK_MARGIN_MS } from './live-order.follower';

describe('LiveOrderFollower with the user websocket (simulator over HTTP and ws)', () => {
  let sim: RunningSimulator;
  let watcher: UserChannelWatcher;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, settlementStepMs: 10 });
  });
  afterAll(async () => {
    watcher?.close();
    await sim?.close();
  });

  it('wakes on the user channel when a resting order fills, long before the next poll', async () => {
    const market = [...sim.world.markets.values()].find((m) => !m.negRisk && !m.closed && m.acceptingOrders && m.tickMills === 10)!;
    const tokenId = market.tokenIds[0];
    const { books } = await fetch(`${sim.clobUrl}/book?token_id=${tokenId}`).then(async (r) => ({ books: (await r.json()) as { bids: { price: string }[]; asks: { price: string }[] } }));
    const bestBid = Math.max(...books.bids.map((l) => Number(l.price)));
    const bestAsk = Math.min(...books.asks.map((l) => Number(l.price)));
    const ours = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: Wallet.createRandom().privateKey, signatureType: 0, timeoutMs: 2000 });
    const request = (side: 'BUY' | 'SELL', price: number, size: number, intentId: string): OrderRequest => ({
      clientOrderId: `polybot-${intentId}`, intentId, tokenId, side, price, size, notionalUsd: price * size, orderType: 'GTC', tickSize: 0.01, negRisk: false,
    });

    // Our bid rests one tick above the best bid, below the ask.
    const price = Number((bestBid + 0.01).toFixed(2));
    expect(price).toBeLessThan(bestAsk);
    const ourOrder = request('BUY', price, 6, 'ours');
    const signed = await ours.signOrder(ourOrder);
    expect(await ours.postSignedOrder(signed)).toMatchObject({ success: true, orderId: signed.orderHash });

    watcher = new UserChannelWatcher({ wsUrl: sim.wsUrl, auth: async () => ours.wsAuth });
    // A poll every minute: only a websocket wake-up can finish this inside the test's timeout.
    const follower = new LiveOrderFollower(Date.now, createLogger({ service: 'test', level: 'silent' }), { pollIntervalMs: 60_000, wake: (id, ms) => watcher.wake(id, ms) });
    const intent = { id: 'ours', createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) } as Intent;
    const readTrades = jest.spyOn(ours, 'getTrades');
    const followed = follower.follow(ours, signed.orderHash, tokenId, intent);
    // Let the first status read and the subscription happen, then move the market down through our bid.
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.setPrice(tokenId, Number((price - 0.05).toFixed(2)));

    const result = await followed;
    expect(result.order).toMatchObject({ id: signed.orderHash, status: 'MATCHED', sizeMatched: 6 });
    expect(result.cancelledAtExpiry).toBe(false);
    expect(result.trades.flatMap((t) => t.makerOrders.filter((m) => m.orderId === signed.orderHash).map((m) => m.matchedAmount))).toEqual([6]);
    // Its trades are read from the intent's creation less the clock margin, not from the account's first trade.
    expect(readTrades).toHaveBeenCalledWith({ tokenId, after: new Date(intent.createdAt.getTime() - TRADES_CLOCK_MARGIN_MS) });
    expect(await ours.getTrades({ tokenId, after: new Date(Date.now() - 60_000) })).toHaveLength(result.trades.length);
    expect(await ours.getTrades({ tokenId, after: new Date(Date.now() + 60_000) })).toEqual([]);
  }, 30_000);
});
