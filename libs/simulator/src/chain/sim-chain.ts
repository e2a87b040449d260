import { Transaction, keccak256, toBeHex, toUtf8Bytes } from 'ethers';
import type { AccountLedger } from '../exchange/account.ledger';
import type { SimTransaction } from '../exchange/exchange.types';
import type { SimWorld } from '../world/sim-world.state';
import { POLYGON_CHAIN_ID } from '../venue/polygon.contracts';
import { planRedeem, RevertError } from './redeem.call';

const FIRST_BLOCK = 70_000_000;
export const BASE_FEE_WEI = 30_000_000_000n;
export const PRIORITY_FEE_WEI = 30_000_000_000n;
export const GAS_USED = 150_000n;

interface Mined {
  readonly record: SimTransaction;
  readonly raw: Transaction;
}

/** A one-transaction-per-block Polygon: accepts redeem transactions, settles them at once. */
export class SimChain {
  private head = FIRST_BLOCK;
  private readonly nonces = new Map<string, number>();
  private mined = new Map<string, Mined>();

  constructor(
    private readonly world: () => SimWorld,
    private readonly accounts: AccountLedger,
  ) {}

  get blockNumber(): number {
    return this.head;
  }

  blockHash(n: number): string {
    return keccak256(toUtf8Bytes(`sim-block:${n}`));
  }

  nonceOf(address: string): number {
    return this.nonces.get(address.toLowerCase()) ?? 0;
  }

  transactions(): SimTransaction[] {
    return [...this.mined.values()].map((m) => m.record);
  }

  find(hash: string): Mined | undefined {
    return this.mined.get(hash.toLowerCase());
  }

  /** Decodes, checks and settles a signed redeem; answers its hash. */
  sendRaw(rawHex: string): string {
    let tx: Transaction;
    try {
      tx = Transaction.from(rawHex);
    } catch (err) {
      throw new RevertError(`invalid raw transaction: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!tx.from || !tx.hash) throw new RevertError('the raw transaction is not signed');
    if (tx.chainId !== BigInt(POLYGON_CHAIN_ID)) throw new RevertError(`wrong chain id ${tx.chainId}, expected ${POLYGON_CHAIN_ID}`);
    const from = tx.from.toLowerCase();
    const expected = this.nonceOf(from);
    if (tx.nonce !== expected) throw new RevertError(`nonce ${tx.nonce} ${tx.nonce < expected ? 'too low' : 'too high'}: next nonce is ${expected}`);
    const plan = planRedeem(this.world(), this.accounts, from, tx);
    for (const burn of plan.burns) this.accounts.redeem(from, burn.tokenId, burn.sizeMicro, burn.payoutMicro);
    this.nonces.set(from, expected + 1);
    this.head += 1;
    const record: SimTransaction = {
      hash: tx.hash.toLowerCase(),
      from,
      to: (tx.to ?? '').toLowerCase(),
      method: 'redeemPositions',
      conditionId: plan.conditionId,
      negRisk: plan.negRisk,
      payoutMicro: plan.payoutMicro,
      blockNumber: this.head,
      nonce: tx.nonce,
      receivedAt: new Date(this.world().now()).toISOString(),
    };
    this.mined.set(record.hash, { record, raw: tx });
    return tx.hash;
  }

  reset(): void {
    this.mined = new Map();
    this.nonces.clear();
  }

  hex(n: number | bigint): string {
    return toBeHex(n);
  }
}
