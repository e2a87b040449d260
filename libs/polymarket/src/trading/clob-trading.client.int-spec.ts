import { buildOrderRequest, type Intent } from '@polybot/domain';
import { REDACTED } from '@polybot/observability';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { Wallet } from 'ethers';
import { ClobTradingClient } from './clob-trading.client';
import { ClobTradingError } from './clob-trading.error';

describe('ClobTradingClient against the simulator (real HTTP)', () => {
  let sim: RunningSimulator;
  const key = Wallet.createRandom().privateKey;
  let tokenId: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tickIntervalMs: 0, settlementStepMs: 10 });
    const market = [...sim.world.markets.values()].find((m) => !m.negRisk && !m.closed && m.acceptingOrders && m.tickMills === 10);
    if (!market) throw new Error('no open 0.01-tick market in the simulator');
    tokenId = market.tokenIds[0];
  });
  afterAll(async () => sim?.close());

  const order = () => buildOrderRequest({ id: 'i-1', tokenId, side: 'BUY', price: 0.02, sizeUsd: 1 } as Intent, { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC');

  it('derives API credentials, posts a signed order that rests, finds it by its hash, and cancels it', async () => {
    const trading = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: key, signatureType: 0, timeoutMs: 2000 });
    const signed = await trading.signOrder(order());
    const answer = await trading.postSignedOrder(signed);
    expect(answer).toMatchObject({ success: true, orderId: signed.orderHash });
    expect(await trading.getOrder(signed.orderHash)).toMatchObject({ id: signed.orderHash, tokenId, side: 'BUY', originalSize: 50, sizeMatched: 0 });
    expect((await trading.getOpenOrders({ tokenId })).map((o) => o.id)).toEqual([signed.orderHash]);
    expect(await trading.cancelOrder(signed.orderHash)).toBe(true);
    expect(await trading.getOpenOrders({ tokenId })).toEqual([]);
    expect(await trading.getOrder('0x' + '0'.repeat(64))).toBeNull();
  });

  it('reads one book by GET /book without L2 headers, the same book POST /books answers', async () => {
    const trading = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: key, signatureType: 0, timeoutMs: 2000 });
    const before = sim.orders().length;
    const book = await trading.getBook(tokenId);
    const [viaBooks] = (await (await fetch(`${sim.clobUrl}/books`, { method: 'POST', body: JSON.stringify([{ token_id: tokenId }]), headers: { 'content-type': 'application/json' } })).json()) as { asks: unknown[] }[];
    expect(book.tokenId).toBe(tokenId);
    expect(book.asks.length).toBe(viaBooks.asks.length);
    expect(sim.orders().length).toBe(before);
    await expect(trading.getBook('123')).rejects.toThrow(/^clob GET \/book/);
  });

  it('reports an accepted post whose answer never comes as ambiguous (to reconcile), naming the endpoint only', async () => {
    const trading = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: key, signatureType: 0, timeoutMs: 300 });
    sim.addFault({ route: '/clob/order', kind: 'accept-then-timeout', times: 1 });
    const signed = await trading.signOrder(order());
    const error = await trading.postSignedOrder(signed).catch((e: unknown) => e);
    sim.clearFaults();
    expect(error).toBeInstanceOf(ClobTradingError);
    expect(error).toMatchObject({ ambiguous: true, status: null, message: 'clob POST /order: no answer: timed out after 300 ms' });
    expect(await trading.getOrder(signed.orderHash)).toMatchObject({ id: signed.orderHash });
  });

  it('fails wrong credentials with the endpoint and status, never the secret or passphrase', async () => {
    const secret = Buffer.from('not-the-real-secret-0123456789ab').toString('base64');
    const passphrase = 'wrong-passphrase-42';
    const trading = await ClobTradingClient.connect({ clobUrl: sim.clobUrl, privateKey: key, signatureType: 0, timeoutMs: 2000, credentials: { key: '00000000-0000-4000-8000-000000000000', secret, passphrase } });
    const error = (await trading.getBalanceAllowance({ type: 'COLLATERAL' }).catch((e: unknown) => e)) as ClobTradingError;
    expect(error).toBeInstanceOf(ClobTradingError);
    expect(error.message).toMatch(/^clob GET \/balance-allowance: HTTP 401/);
    expect(error.ambiguous).toBe(false);
    for (const text of [error.message, error.stack ?? '']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(passphrase);
      expect(text).not.toContain(key.slice(2));
    }
  });

  it('scrubs a registered secret even when the venue echoes it back', () => {
    const echoed = new ClobTradingError('clob POST /order', 400, `bad key ${key}`, false);
    expect(echoed.message).toBe(`clob POST /order: HTTP 400: bad key ${REDACTED}`);
  });
});
