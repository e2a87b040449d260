import { randomBytes } from 'node:crypto';
import { createL2Headers } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import { l2Headers, type L2Request } from './l2-headers';

const wallet = Wallet.createRandom();
const signer = { getAddress: async () => wallet.address, _signTypedData: async () => '0x' };

/** The secret as the venue hands it out (url-safe) and in the other spellings a base64 decoder meets. */
function secretSpellings(bytes: Buffer): string[] {
  const standard = bytes.toString('base64');
  const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_');
  return [standard, urlSafe, urlSafe.replace(/=+$/, '')];
}

const requests: L2Request[] = [
  { method: 'GET', requestPath: '/data/orders' },
  { method: 'GET', requestPath: '/balance-allowance' },
  { method: 'POST', requestPath: '/order', body: JSON.stringify({ order: { salt: 1, side: 'BUY', signature: '0xabc' }, owner: 'k', orderType: 'GTC' }) },
  { method: 'DELETE', requestPath: '/order', body: JSON.stringify({ orderID: '0x' + 'f'.repeat(64) }) },
  { method: 'POST', requestPath: '/order', body: '' },
  { method: 'POST', requestPath: '/order', body: JSON.stringify({ note: 'Élection présidentielle – 2028 🗳️' }) },
];

describe('l2Headers', () => {
  it("is byte-identical to clob-client-v2's createL2Headers for the same inputs", async () => {
    let compared = 0;
    for (let round = 0; round < 40; round += 1) {
      const creds = { key: `key-${round}`, passphrase: randomBytes(16).toString('hex'), secret: '' };
      for (const secret of secretSpellings(randomBytes(32 + (round % 5)))) {
        for (const request of requests) {
          const timestamp = 1_700_000_000 + round;
          const theirs = await createL2Headers(signer, { ...creds, secret }, request, timestamp);
          expect(l2Headers(wallet.address, { ...creds, secret }, request, timestamp)).toEqual(theirs);
          compared += 1;
        }
      }
    }
    expect(compared).toBe(40 * 3 * requests.length);
  });

  it('uses the current second when no timestamp is given, as the client does', async () => {
    const creds = { key: 'k', passphrase: 'p', secret: randomBytes(32).toString('base64') };
    const before = Math.floor(Date.now() / 1000);
    const ours = l2Headers(wallet.address, creds, requests[0]);
    expect(Number(ours.POLY_TIMESTAMP)).toBeGreaterThanOrEqual(before);
    expect(ours).toEqual(await createL2Headers(signer, creds, requests[0], Number(ours.POLY_TIMESTAMP)));
  });

  it('refuses an empty secret, as the client does', () => {
    expect(() => l2Headers(wallet.address, { key: 'k', passphrase: 'p', secret: '' }, requests[0])).toThrow(/secret is empty/);
  });
});
