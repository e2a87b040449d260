import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { Wallet } from 'ethers';
import { createAccountStateReader } from './account-state-reader.factory';

describe('AccountStateReader (simulator over HTTP)', () => {
  let sim: RunningSimulator;
  const key = Wallet.createRandom().privateKey;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tickIntervalMs: 0 });
  });
  afterAll(async () => sim?.close());

  const config = () => ({ dataApiUrl: sim.dataApiUrl, clobUrl: sim.clobUrl, timeoutMs: 2000, signatureType: 0 as const });

  it('reads positions, open orders and the pUSD balance with the signing key', async () => {
    sim.setBalance(new Wallet(key).address, 250);
    const state = await createAccountStateReader({ ...config(), polygonPrivateKey: key }).read();
    expect(state).toEqual({ positions: [], openOrders: [], balances: { collateral: { balance: 250, allowances: expect.any(Object) } }, unavailable: [] });
  });

  it('lists what it cannot read instead of failing: no key, and a Data API answering 500', async () => {
    sim.addFault({ route: '/data/positions', kind: 'status', status: 500 });
    try {
      const state = await createAccountStateReader({ ...config(), polymarketWalletAddress: '0x1111111111111111111111111111111111111111' }).read();
      expect(state.positions).toEqual([]);
      expect(state.unavailable).toEqual([
        'positions: data GET /positions: HTTP 500',
        'openOrders: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)',
        'balances: no signing key configured (POLYBOT_POLYGON_PRIVATE_KEY)',
      ]);
    } finally {
      sim.clearFaults();
    }
  });

  it('names an endpoint the venue does not have', async () => {
    const state = await createAccountStateReader({ ...config(), dataApiUrl: `${sim.url}/nowhere`, polygonPrivateKey: key }).read();
    expect(state.unavailable).toEqual(['positions: data GET /positions: HTTP 404']);
  });
});
