import type { Fill, Position } from '../portfolio/portfolio.types';

/**
 * The ledger entry of a settlement: every held share paid out at 1, 0 or 0.5, no fee. At 0 it writes a
 * losing position off; at 1 it records a claimed win.
 */
export function settlementFill(position: Position, payoutPerShare: number, at: Date, intentId: string): Fill {
  if (![0, 0.5, 1].includes(payoutPerShare)) throw new RangeError(`settlementFill: payout per share must be 0, 0.5 or 1, got ${String(payoutPerShare)}`);
  return {
    intentId,
    kind: 'SETTLEMENT',
    tokenId: position.tokenId,
    marketId: position.marketId,
    conditionId: position.conditionId,
    outcome: position.outcome,
    category: position.category,
    side: 'SELL',
    price: payoutPerShare,
    shares: position.shares,
    feeUsd: 0,
    at,
  };
}
