import { ClobClient, OrderType, Side, type ApiKeyCreds, type TickSize } from '@polymarket/clob-client-v2';
import { Wallet } from 'ethers';
import type { RunningSimulator } from '../simulator.server';
import type { SimMarket } from '../world/world.types';
import { v5Signer } from './v5-signer.adapter';

export { v5Signer };

/** Publicly known Hardhat test keys (accounts 1 and 2): for the simulator only, never for real funds. */
export const TEST_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
export const OTHER_TEST_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';

export interface ClobTrader {
  readonly wallet: Wallet;
  readonly address: string;
  readonly creds: ApiKeyCreds;
  readonly client: ClobClient;
}

/** A real clob-client-v2 against the simulator, with creds from createOrDeriveApiKey. */
export async function clobTrader(sim: RunningSimulator, privateKey = TEST_KEY): Promise<ClobTrader> {
  const wallet = new Wallet(privateKey);
  const signer = v5Signer(wallet);
  const l1 = new ClobClient({ host: sim.clobUrl, chain: 137, signer });
  const creds = await l1.createOrDeriveApiKey();
  const client = new ClobClient({ host: sim.clobUrl, chain: 137, signer, creds, signatureType: 0 });
  return { wallet, address: wallet.address, creds, client };
}

/** clob-client's headers (some values numbers) as fetch takes them. */
export function stringHeaders(headers: Record<string, string | number | boolean>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}

export function tickOf(market: SimMarket): TickSize {
  return market.tickMills === 10 ? '0.01' : '0.001';
}

/** Signs a limit order for the market's token with clob-client-v2 (the real V2 order builder). */
export function signOrder(trader: ClobTrader, market: SimMarket, outcomeIndex: 0 | 1, side: 'BUY' | 'SELL', price: number, size: number, expiration?: number) {
  return trader.client.createOrder(
    { tokenID: market.tokenIds[outcomeIndex], price, size, side: side === 'BUY' ? Side.BUY : Side.SELL, expiration },
    { tickSize: tickOf(market), negRisk: market.negRisk, version: 2 },
  );
}

export { OrderType };
