import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OrderType } from '@polymarket/clob-client-v2';
import { Contract, JsonRpcProvider, Network, Wallet, ZeroHash } from 'ethers';
import { startSimulator, type RunningSimulator } from '../simulator.server';
import { clobTrader, signOrder, TEST_KEY, type ClobTrader } from '../testing/clob-trader.helper';
import { getJson } from '../testing/ws-probe.helper';
import { CONDITIONAL_TOKENS, NEG_RISK_ADAPTER, PUSD } from '../venue/polygon.contracts';
import { marketBooks } from '../world/token-book.builder';
import type { SimMarket } from '../world/world.types';

const CTF = ['function redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId, uint256[] indexSets)', 'function balanceOf(address owner, uint256 id) view returns (uint256)'];
const ADAPTER = ['function redeemPositions(bytes32 conditionId, uint256[] amounts)'];
const ERC20 = ['function balanceOf(address owner) view returns (uint256)'];

interface PositionRow {
  readonly asset: string;
  readonly size: number;
  readonly redeemable: boolean;
  readonly curPrice: number;
}

describe('Polygon JSON-RPC at /rpc: balances and redeems with ethers v6', () => {
  let sim: RunningSimulator;
  let trader: ClobTrader;
  let provider: JsonRpcProvider;
  let wallet: Wallet;

  const buy = async (m: SimMarket, outcome: 0 | 1, shares: number): Promise<void> => {
    const ask = marketBooks(m)[outcome].asks[0];
    const res = await trader.client.postOrder(await signOrder(trader, m, outcome, 'BUY', ask.priceMills / 1000, shares), OrderType.FOK);
    expect(res).toMatchObject({ success: true, takingAmount: String(shares) });
  };
  const positions = async (): Promise<PositionRow[]> => (await getJson<PositionRow[]>(`${sim.dataApiUrl}/positions?user=${trader.address}`)).body;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 21, events: 30, tickIntervalMs: 0, settlementStepMs: 5 });
    trader = await clobTrader(sim);
    // Network.from(137) would carry ethers' Polygon gas-station plugin, which fetches from the internet.
    const polygon = new Network('matic', 137);
    // cacheTimeout -1: ethers would otherwise answer an identical estimateGas within 250 ms from its cache.
    provider = new JsonRpcProvider(sim.rpcUrl, polygon, { staticNetwork: polygon, pollingInterval: 20, cacheTimeout: -1 });
    wallet = new Wallet(TEST_KEY, provider);
  });
  afterAll(async () => {
    provider.destroy();
    await sim.close();
  });

  it('answers the chain id and reads pUSD and share balances through eth_call', async () => {
    const plain = new JsonRpcProvider(sim.rpcUrl);
    expect((await plain.getNetwork()).chainId).toBe(137n);
    plain.destroy();
    sim.setBalance(trader.address, 250.5);
    const pusd = new Contract(PUSD, ERC20, provider);
    expect(await pusd.getFunction('balanceOf')(trader.address)).toBe(250_500_000n);
    const m = [...sim.world.markets.values()].find((x) => !x.closed && !x.negRisk && x.tickMills === 10)!;
    sim.setPrice(m.tokenIds[0], 0.5);
    await buy(m, 0, 10);
    const ctf = new Contract(CONDITIONAL_TOKENS, CTF, provider);
    expect(await ctf.getFunction('balanceOf')(trader.address, m.tokenIds[0])).toBe(10_000_000n);
  });

  it('redeems a resolved winning position through ConditionalTokens: payout credited, receipt successful, recorded', async () => {
    sim.setBalance(trader.address, 100);
    const m = [...sim.world.markets.values()].filter((x) => !x.closed && !x.negRisk && x.tickMills === 10)[1];
    sim.setPrice(m.tokenIds[0], 0.5);
    await buy(m, 0, 20);
    await buy(m, 1, 5);
    const ctf = new Contract(CONDITIONAL_TOKENS, CTF, wallet);
    await expect(ctf.getFunction('redeemPositions')(PUSD, ZeroHash, m.conditionId, [1, 2])).rejects.toThrow(/not resolved yet/);

    sim.resolveMarket(m.conditionId, 0);
    const rows = await positions();
    expect(rows.find((r) => r.asset === m.tokenIds[0])).toMatchObject({ size: 20, redeemable: true, curPrice: 1 });
    expect(rows.find((r) => r.asset === m.tokenIds[1])).toMatchObject({ size: 5, redeemable: false, curPrice: 0 });
    expect((await getJson<PositionRow[]>(`${sim.dataApiUrl}/positions?user=${trader.address}&redeemable=true`)).body.map((r) => r.asset)).toContain(m.tokenIds[0]);

    const before = sim.balance(trader.address);
    const tx = await ctf.getFunction('redeemPositions')(PUSD, ZeroHash, m.conditionId, [1, 2]);
    const receipt = await tx.wait();
    expect(receipt?.status).toBe(1);
    expect(receipt?.hash).toBe(tx.hash);
    expect(sim.balance(trader.address)).toBeCloseTo(before + 20, 6);
    expect((await positions()).filter((r) => r.asset === m.tokenIds[0] || r.asset === m.tokenIds[1])).toEqual([]);
    const recorded = (await getJson<Record<string, unknown>[]>(`${sim.url}/_sim/transactions`)).body;
    expect(recorded).toContainEqual(expect.objectContaining({ hash: tx.hash, from: trader.address.toLowerCase(), conditionId: m.conditionId, negRisk: false, payoutMicro: 20_000_000 }));
    expect(await provider.getTransactionCount(trader.address)).toBe(1);
  });

  it('redeems a neg-risk position through the NegRiskAdapter, and refuses the wrong contract for a condition', async () => {
    const m = [...sim.world.markets.values()].find((x) => !x.closed && x.negRisk && x.tickMills === 10)!;
    sim.setPrice(m.tokenIds[0], 0.5);
    await buy(m, 0, 8);
    sim.resolveMarket(m.conditionId, 0);
    const ctf = new Contract(CONDITIONAL_TOKENS, CTF, wallet);
    await expect(ctf.getFunction('redeemPositions')(PUSD, ZeroHash, m.conditionId, [1, 2])).rejects.toThrow(/neg-risk: redeem through the NegRiskAdapter/);
    const adapter = new Contract(NEG_RISK_ADAPTER, ADAPTER, wallet);
    await expect(adapter.getFunction('redeemPositions')(m.conditionId, [9_000_000, 0])).rejects.toThrow(/exceeds the 8000000 shares held/);
    const before = sim.balance(trader.address);
    const receipt = await (await adapter.getFunction('redeemPositions')(m.conditionId, [8_000_000, 0])).wait();
    expect(receipt?.status).toBe(1);
    expect(sim.balance(trader.address)).toBeCloseTo(before + 8, 6);
    expect(sim.transactions().at(-1)).toMatchObject({ negRisk: true, payoutMicro: 8_000_000, to: NEG_RISK_ADAPTER.toLowerCase() });
  });

  it('answers a raw transaction to another contract, or an unknown method, with a JSON-RPC error naming the problem', async () => {
    await expect(wallet.sendTransaction({ to: PUSD, data: '0x' })).rejects.toThrow(/not supported: send redeemPositions to ConditionalTokens/);
    const res = await getJson<{ error: { code: number; message: string } }>(sim.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_mine', params: [] }),
    });
    expect(res.body.error).toEqual({ code: -32601, message: 'the method eth_mine does not exist/is not available' });
  });
});
