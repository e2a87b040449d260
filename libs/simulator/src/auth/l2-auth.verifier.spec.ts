import { describe, expect, it } from '@jest/globals';
import { createL2Headers } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import { v5Signer } from '../testing/clob-trader.helper';
import { ApiKeyRegistry } from './api-credentials';
import { polyHmac, verifyL2Request } from './l2-auth.verifier';

const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

describe('L2 auth', () => {
  const keys = new ApiKeyRegistry('unit');
  const creds = keys.issue(wallet.address);
  const clientCreds = { key: creds.apiKey, secret: creds.secret, passphrase: creds.passphrase };

  it('issues the same credentials for the same address and nonce, other ones for another nonce', () => {
    expect(new ApiKeyRegistry('unit').issue(wallet.address.toLowerCase())).toEqual(creds);
    expect(keys.issue(wallet.address, '1').apiKey).not.toBe(creds.apiKey);
  });

  it("computes clob-client-v2's HMAC (url-safe base64, padding kept) and accepts its headers", async () => {
    const body = JSON.stringify({ orderID: '0x1' });
    const headers = await createL2Headers(v5Signer(wallet), clientCreds, { method: 'DELETE', requestPath: '/order', body }, 1_700_000_000);
    expect(headers.POLY_SIGNATURE).toBe(polyHmac(creds.secret, `1700000000DELETE/order${body}`));
    expect(headers.POLY_SIGNATURE).toMatch(/=$/);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    expect(verifyL2Request(keys, { headers: lower, method: 'DELETE', path: '/order', body })).toEqual({ apiKey: creds.apiKey, address: wallet.address.toLowerCase() });
    expect(verifyL2Request(keys, { headers: lower, method: 'DELETE', path: '/order?x=1', body })).toBeNull();
    expect(verifyL2Request(keys, { headers: lower, method: 'POST', path: '/order', body })).toBeNull();
    expect(verifyL2Request(keys, { headers: lower, method: 'DELETE', path: '/order', body: `${body} ` })).toBeNull();
    expect(verifyL2Request(keys, { headers: { ...lower, poly_api_key: 'unknown' }, method: 'DELETE', path: '/order', body })).toBeNull();
  });
});
