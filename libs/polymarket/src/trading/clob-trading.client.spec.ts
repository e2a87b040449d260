import { buildOrderRequest, type Intent } from '@polybot/domain';
import { TypedDataEncoder, verifyTypedData, Wallet } from 'ethers';
import { ClobTradingClient } from './clob-trading.client';

const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
const ORDER_STRUCT = {
  Order: [
    { name: 'salt', type: 'uint256' }, { name: 'maker', type: 'address' }, { name: 'signer', type: 'address' }, { name: 'tokenId', type: 'uint256' },
    { name: 'makerAmount', type: 'uint256' }, { name: 'takerAmount', type: 'uint256' }, { name: 'side', type: 'uint8' }, { name: 'signatureType', type: 'uint8' },
    { name: 'timestamp', type: 'uint256' }, { name: 'metadata', type: 'bytes32' }, { name: 'builder', type: 'bytes32' },
  ],
};

function intent(over: Partial<Intent> = {}): Intent {
  return { id: 'i-1', tokenId: TOKEN, side: 'BUY', price: 0.423, sizeUsd: 150, ...over } as Intent;
}

async function client(funderAddress?: string): Promise<ClobTradingClient> {
  // Credentials given, so nothing is derived over the network; signing itself is offline.
  return ClobTradingClient.connect({
    clobUrl: 'http://127.0.0.1:9', privateKey: KEY, signatureType: funderAddress ? 2 : 0, funderAddress,
    credentials: { key: 'k-0000-test', secret: Buffer.from('s'.repeat(32)).toString('base64'), passphrase: 'p-0000-test' }, timeoutMs: 1000,
  });
}

describe('ClobTradingClient.signOrder', () => {
  it('signs the digest directly, byte-identical to ethers signTypedData (what the client used), and the order hash is that digest', async () => {
    const trading = await client();
    for (const [negRisk, verifyingContract] of [[false, '0xE111180000d2663C0091e4f400237545B87B996B'], [true, '0xe2222d279d744050d28e00520010520000310F59']] as const) {
      const signed = await trading.signOrder(buildOrderRequest(intent({ side: 'SELL' }), { tickSize: 0.01, minOrderSize: 5, negRisk }, 'GTC'));
      const domain = { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract };
      const message = { ...signed, side: 1 };
      expect(signed.signature).toBe(await new Wallet(KEY).signTypedData(domain, ORDER_STRUCT, message));
      expect(signed.orderHash).toBe(TypedDataEncoder.hash(domain, ORDER_STRUCT, message));
    }
  });

  it('signs a V2 BUY on the tick grid that recovers to the signer, with amounts in 10^6 units and the EIP-712 hash', async () => {
    const trading = await client();
    const order = buildOrderRequest(intent(), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC');
    const signed = await trading.signOrder(order);

    expect(signed).toMatchObject({ side: 'BUY', tokenId: TOKEN, makerAmount: '149996900', takerAmount: '348830000', signatureType: 0, orderType: 'GTC', negRisk: false });
    expect(signed.maker).toBe(new Wallet(KEY).address);
    const domain = { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract: '0xE111180000d2663C0091e4f400237545B87B996B' };
    const message = { ...signed, side: 0 };
    expect(verifyTypedData(domain, ORDER_STRUCT, message, signed.signature)).toBe(new Wallet(KEY).address);
    expect(signed.orderHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('signs neg-risk orders for the NegRisk exchange and SELLs with side 1', async () => {
    const trading = await client();
    const order = buildOrderRequest(intent({ side: 'SELL', price: 0.557 }), { tickSize: 0.001, minOrderSize: 5, negRisk: true }, 'FOK', 20);
    const signed = await trading.signOrder(order);
    expect(signed).toMatchObject({ side: 'SELL', makerAmount: '20000000', takerAmount: '11140000', orderType: 'FOK', negRisk: true });
    const domain = { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract: '0xe2222d279d744050d28e00520010520000310F59' };
    expect(verifyTypedData(domain, ORDER_STRUCT, { ...signed, side: 1 }, signed.signature)).toBe(new Wallet(KEY).address);
  });

  it('makes the funder the maker for proxy/Safe signature types; two signings of one order differ only by salt', async () => {
    const funder = '0x1111111111111111111111111111111111111111';
    const trading = await client(funder);
    const order = buildOrderRequest(intent(), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC');
    const [a, b] = [await trading.signOrder(order), await trading.signOrder(order)];
    expect(a.maker).toBe(funder);
    expect(a.signer).toBe(new Wallet(KEY).address);
    expect(a.signatureType).toBe(2);
    expect(a.salt).not.toBe(b.salt);
    expect(a.orderHash).not.toBe(b.orderHash);
  });

  it('refuses a tick size the CLOB does not have, naming it', async () => {
    const trading = await client();
    const order = { ...buildOrderRequest(intent(), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC'), tickSize: 0.02 };
    await expect(trading.signOrder(order)).rejects.toThrow(/tick size 0.02 is not one the CLOB accepts/);
  });

  it('refuses a malformed private key without echoing it', async () => {
    const bad = '0x' + 'zz'.repeat(32);
    const attempt = ClobTradingClient.connect({ clobUrl: 'http://127.0.0.1:9', privateKey: bad, signatureType: 0, timeoutMs: 100, credentials: { key: 'a'.repeat(8), secret: 'b'.repeat(8), passphrase: 'c'.repeat(8) } });
    await expect(attempt).rejects.toThrow('POLYBOT_POLYGON_PRIVATE_KEY is not a valid private key');
  });
});
