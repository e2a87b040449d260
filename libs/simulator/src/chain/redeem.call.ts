import { AbiCoder, Interface, type TransactionLike } from 'ethers';
import type { AccountLedger } from '../exchange/account.ledger';
import { CONDITIONAL_TOKENS, NEG_RISK_ADAPTER, PUSD, ZERO_BYTES32 } from '../venue/polygon.contracts';
import type { SimWorld } from '../world/sim-world.state';
import type { SimMarket } from '../world/world.types';

export const CTF_ABI = new Interface([
  'function redeemPositions(address collateralToken, bytes32 parentCollectionId, bytes32 conditionId, uint256[] indexSets)',
  'function balanceOf(address owner, uint256 id) view returns (uint256)',
]);
export const NEG_RISK_ADAPTER_ABI = new Interface(['function redeemPositions(bytes32 conditionId, uint256[] amounts)']);
export const ERC20_ABI = new Interface([
  'function balanceOf(address owner) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
]);

/** A call the chain refuses; answered as a JSON-RPC error (code -32000) naming why. */
export class RevertError extends Error {
  constructor(readonly reason: string) {
    super(`execution reverted: ${reason}`);
    this.name = 'RevertError';
  }

  /** Error(string) ABI-encoded, as nodes return it in `error.data` (ethers decodes the reason from it). */
  get data(): string {
    return `0x08c379a0${AbiCoder.defaultAbiCoder().encode(['string'], [this.reason]).slice(2)}`;
  }
}

export interface RedeemPlan {
  readonly conditionId: string;
  readonly negRisk: boolean;
  readonly payoutMicro: number;
  /** Shares burnt per token id. */
  readonly burns: readonly { readonly tokenId: string; readonly sizeMicro: number; readonly payoutMicro: number }[];
}

function same(a: string | null | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}

function resolvedMarket(world: SimWorld, conditionId: string, negRisk: boolean): SimMarket & { winningOutcomeIndex: number } {
  const market = world.marketByCondition(conditionId);
  if (!market) throw new RevertError(`unknown condition ${conditionId}`);
  if (market.negRisk !== negRisk) {
    throw new RevertError(`condition ${conditionId} is ${market.negRisk ? 'neg-risk: redeem through the NegRiskAdapter' : 'not neg-risk: redeem through ConditionalTokens'}`);
  }
  if (!market.closed || market.winningOutcomeIndex === null) throw new RevertError(`condition ${conditionId} is not resolved yet`);
  return market as SimMarket & { winningOutcomeIndex: number };
}

/**
 * What a redeem transaction would do, or a RevertError naming what is wrong: only
 * ConditionalTokens.redeemPositions(pUSD, 0x0, conditionId, [1,2]) for a resolved standard market,
 * or NegRiskAdapter.redeemPositions(conditionId, amounts) for a resolved neg-risk one.
 */
export function planRedeem(world: SimWorld, accounts: AccountLedger, from: string, tx: Pick<TransactionLike, 'to' | 'data'>): RedeemPlan {
  const data = tx.data ?? '0x';
  if (same(tx.to, CONDITIONAL_TOKENS)) {
    const call = CTF_ABI.parseTransaction({ data });
    if (!call || call.name !== 'redeemPositions') throw new RevertError('only redeemPositions is supported on ConditionalTokens');
    const [collateral, parent, conditionId, indexSets] = call.args as unknown as [string, string, string, bigint[]];
    if (!same(collateral, PUSD)) throw new RevertError(`collateral must be pUSD ${PUSD}, got ${collateral}`);
    if (parent !== ZERO_BYTES32) throw new RevertError('parentCollectionId must be 0x00…00');
    const sets = [...indexSets].map(Number).sort();
    if (sets.length !== 2 || sets[0] !== 1 || sets[1] !== 2) throw new RevertError(`indexSets must be [1,2], got [${indexSets.join(',')}]`);
    const market = resolvedMarket(world, conditionId, false);
    const burns = market.tokenIds.map((tokenId, i) => {
      const sizeMicro = accounts.sharesMicro(from, tokenId);
      return { tokenId, sizeMicro, payoutMicro: i === market.winningOutcomeIndex ? sizeMicro : 0 };
    });
    return { conditionId, negRisk: false, payoutMicro: burns[market.winningOutcomeIndex].sizeMicro, burns };
  }
  if (same(tx.to, NEG_RISK_ADAPTER)) {
    const call = NEG_RISK_ADAPTER_ABI.parseTransaction({ data });
    if (!call) throw new RevertError('only redeemPositions(bytes32,uint256[]) is supported on the NegRiskAdapter');
    const [conditionId, amounts] = call.args as unknown as [string, bigint[]];
    if (amounts.length !== 2) throw new RevertError(`amounts must have 2 entries (yes, no), got ${amounts.length}`);
    const market = resolvedMarket(world, conditionId, true);
    const burns = market.tokenIds.map((tokenId, i) => {
      const sizeMicro = Number(amounts[i]);
      const held = accounts.sharesMicro(from, tokenId);
      if (sizeMicro > held) throw new RevertError(`amounts[${i}] ${sizeMicro} exceeds the ${held} shares held of token ${tokenId}`);
      return { tokenId, sizeMicro, payoutMicro: i === market.winningOutcomeIndex ? sizeMicro : 0 };
    });
    return { conditionId, negRisk: true, payoutMicro: burns[market.winningOutcomeIndex].sizeMicro, burns };
  }
  throw new RevertError(`transactions to ${tx.to ?? 'nowhere'} are not supported: send redeemPositions to ConditionalTokens ${CONDITIONAL_TOKENS} or the NegRiskAdapter ${NEG_RISK_ADAPTER}`);
}
