import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AssetType, ClobClient, createL1Headers, createL2Headers } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { clobTrader, OTHER_TEST_KEY, stringHeaders, TEST_KEY, v5Signer, type ClobTrader } from '../testing/clob-trader.helper';
import { getJson } from '../testing/ws-probe.helper';

describe('CLOB auth (L1 api keys, L2 HMAC) with the real clob-client-v2', () => {
  let sim: RunningSimulator;
  let trader: ClobTrader;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7, events: 6, tickIntervalMs: 0 });
    trader = await clobTrader(sim);
  });
  afterAll(() => sim.close());

  it('gives each address the same credentials on create and derive, and different ones to another address', async () => {
    expect(trader.creds.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Buffer.from(trader.creds.secret, 'base64')).toHaveLength(32);
    const l1 = new ClobClient({ host: sim.clobUrl, chain: 137, signer: v5Signer(new Wallet(TEST_KEY)) });
    const derived = await l1.deriveApiKey();
    expect(derived).toEqual(trader.creds);
    expect(sim.apiCredentials(trader.address).apiKey).toBe(trader.creds.key);
    const other = await clobTrader(sim, OTHER_TEST_KEY);
    expect(other.creds.key).not.toBe(trader.creds.key);
  });

  it('refuses L1 headers signed by someone else for the address, with the venue wording', async () => {
    const headers = await createL1Headers(v5Signer(new Wallet(OTHER_TEST_KEY)), 137, 0, undefined, trader.address);
    const res = await getJson<{ error: string }>(`${sim.clobUrl}/auth/derive-api-key`, { headers: stringHeaders(headers) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Invalid L1 Request headers' });
  });

  it('accepts L2 requests signed over the path without the query string, as clob-client signs them', async () => {
    const market = [...sim.world.markets.values()][0];
    const open = await trader.client.getOpenOrders({ market: market.conditionId });
    expect(open).toEqual([]);
    const balance = await trader.client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(balance.balance).toBe('1000000000');
  });

  it('refuses a wrong secret, a wrong passphrase, a tampered body and another address with 401 "Unauthorized/Invalid api key"', async () => {
    const signer = v5Signer(trader.wallet);
    const body = JSON.stringify({ orderID: '0xabc' });
    const attempts = [
      await createL2Headers(signer, { ...trader.creds, secret: Buffer.alloc(32, 1).toString('base64') }, { method: 'GET', requestPath: '/data/orders' }),
      await createL2Headers(signer, { ...trader.creds, passphrase: 'nope' }, { method: 'GET', requestPath: '/data/orders' }),
      await createL2Headers(signer, trader.creds, { method: 'GET', requestPath: '/data/trades' }),
      await createL2Headers(v5Signer(new Wallet(OTHER_TEST_KEY)), trader.creds, { method: 'GET', requestPath: '/data/orders' }),
    ].map(stringHeaders);
    for (const headers of attempts) {
      const res = await getJson<{ error: string }>(`${sim.clobUrl}/data/orders`, { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Unauthorized/Invalid api key' });
    }
    const signed = await createL2Headers(signer, trader.creds, { method: 'DELETE', requestPath: '/order', body });
    const tampered = await getJson<{ error: string }>(`${sim.clobUrl}/order`, {
      method: 'DELETE',
      headers: { ...stringHeaders(signed), 'content-type': 'application/json' },
      body: JSON.stringify({ orderID: '0xabd' }),
    });
    expect(tampered.status).toBe(401);
    const honest = await getJson<{ canceled: string[]; not_canceled: Record<string, string> }>(`${sim.clobUrl}/order`, {
      method: 'DELETE',
      headers: { ...stringHeaders(signed), 'content-type': 'application/json' },
      body,
    });
    expect(honest.status).toBe(200);
    expect(honest.body.not_canceled['0xabc']).toMatch(/not found/i);
  });
});
