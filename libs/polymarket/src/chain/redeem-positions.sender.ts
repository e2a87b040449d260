import { registerSecret, scrubSecrets } from '@polybot/observability';
import { Contract, JsonRpcProvider, Network, Wallet, ZeroHash, type TransactionResponse } from 'ethers';

/** Polygon mainnet contracts (see the venue's contract config). */
export const POLYGON_CONTRACTS = {
  conditionalTokens: '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045',
  negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
  collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
} as const;

const CTF_ABI = ['function redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId, uint256[] indexSets)'];
const NEG_RISK_ABI = ['function redeemPositions(bytes32 _conditionId, uint256[] _amounts)'];

/** Polygon makes a block about every 2 s. */
const RECEIPT_POLL_MS = 1000;

/** Outcome tokens have 6 decimals. */
const SHARE_UNITS = 1_000_000;

export interface RedeemRequest {
  readonly conditionId: string;
  readonly negRisk: boolean;
  /** Neg-risk only: shares held per outcome, in the market's token order (YES, NO). */
  readonly sharesByOutcome?: readonly number[];
}

export interface RedeemReceipt {
  readonly txHash: string;
  readonly status: 'CONFIRMED' | 'REVERTED';
  readonly blockNumber: number | null;
}

export interface RedeemSenderOptions {
  readonly rpcUrl: string;
  readonly privateKey: string;
  readonly chainId?: number;
  /** How long to wait for the receipt. */
  readonly receiptTimeoutMs: number;
}

export class RedeemError extends Error {
  override readonly name = 'RedeemError';
}

/**
 * Redeems a resolved position on chain with ethers v6: ConditionalTokens.redeemPositions(pUSD,
 * 0x0, conditionId, [1, 2]) for a standard market, NegRiskAdapter.redeemPositions(conditionId,
 * amounts) for a neg-risk one. `send` returns as soon as the transaction is broadcast (so its
 * hash can be stored before waiting); `waitFor` follows a hash to its receipt.
 */
export class RedeemPositionsSender {
  private readonly wallet: Wallet;
  private readonly provider: JsonRpcProvider;

  constructor(private readonly options: RedeemSenderOptions) {
    registerSecret(options.privateKey);
    registerSecret(options.privateKey.replace(/^0x/, ''));
    // A bare Network: Network.from(137) would add the gas-station plugin, fetching fees from a
    // third-party URL instead of the configured RPC.
    const network = new Network('polygon', options.chainId ?? 137);
    this.provider = new JsonRpcProvider(options.rpcUrl, network, { staticNetwork: network, batchMaxCount: 1, pollingInterval: RECEIPT_POLL_MS });
    this.wallet = new Wallet(options.privateKey, this.provider);
  }

  get address(): string {
    return this.wallet.address;
  }

  async send(request: RedeemRequest): Promise<string> {
    if (!/^0x[0-9a-fA-F]{64}$/.test(request.conditionId)) throw new RedeemError(`condition id ${request.conditionId} is not a bytes32 hex string`);
    let tx: TransactionResponse;
    try {
      if (request.negRisk) {
        const amounts = (request.sharesByOutcome ?? []).map((shares) => BigInt(Math.round(shares * SHARE_UNITS)));
        if (amounts.length !== 2 || amounts.every((a) => a === 0n)) throw new RedeemError('a neg-risk redemption needs the shares held of both outcomes (YES, NO), not all zero');
        tx = (await new Contract(POLYGON_CONTRACTS.negRiskAdapter, NEG_RISK_ABI, this.wallet).getFunction('redeemPositions')(request.conditionId, amounts)) as TransactionResponse;
      } else {
        tx = (await new Contract(POLYGON_CONTRACTS.conditionalTokens, CTF_ABI, this.wallet).getFunction('redeemPositions')(POLYGON_CONTRACTS.collateral, ZeroHash, request.conditionId, [1, 2])) as TransactionResponse;
      }
    } catch (error) {
      if (error instanceof RedeemError) throw error;
      throw new RedeemError(`redeemPositions for ${request.conditionId} was not sent: ${describe(error)}`);
    }
    return tx.hash;
  }

  async waitFor(txHash: string): Promise<RedeemReceipt> {
    try {
      const receipt = await this.provider.waitForTransaction(txHash, 1, this.options.receiptTimeoutMs);
      if (!receipt) throw new RedeemError(`no receipt for ${txHash}`);
      return { txHash, status: receipt.status === 1 ? 'CONFIRMED' : 'REVERTED', blockNumber: receipt.blockNumber };
    } catch (error) {
      if (error instanceof RedeemError) throw error;
      throw new RedeemError(`waiting for the receipt of ${txHash} failed: ${describe(error)}`);
    }
  }

  destroy(): void {
    this.provider.destroy();
  }
}

/** ethers errors carry the whole request in their message; keep the short reason only. */
function describe(error: unknown): string {
  const shortMessage = typeof error === 'object' && error !== null && 'shortMessage' in error && typeof error.shortMessage === 'string' ? error.shortMessage : null;
  const text = shortMessage ?? (error instanceof Error ? error.message : String(error));
  return scrubSecrets(text).slice(0, 200);
}
