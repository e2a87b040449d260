import type { Fill, Ledger, Position } from '../portfolio/portfolio.types';
import { roundShares, roundUsd } from './usd';

export class LedgerError extends Error {
  constructor(fill: Fill, why: string) {
    super(`cannot apply fill of intent ${fill.intentId} (${fill.kind} ${fill.side} token ${fill.tokenId}): ${why}`);
    this.name = 'LedgerError';
  }
}

export function emptyLedger(startingCash: number): Ledger {
  if (!(Number.isFinite(startingCash) && startingCash >= 0)) throw new RangeError(`emptyLedger: starting cash must be a non-negative number, got ${String(startingCash)}`);
  return { startingCash, cash: startingCash, positions: [], realizedPnlUsd: 0, feesUsd: 0 };
}

function validate(fill: Fill): void {
  if (!(Number.isFinite(fill.shares) && fill.shares > 0)) throw new LedgerError(fill, `shares ${String(fill.shares)} is not a positive number`);
  if (!(Number.isFinite(fill.price) && fill.price >= 0 && fill.price <= 1)) throw new LedgerError(fill, `price ${String(fill.price)} is not in [0, 1]`);
  if (!(Number.isFinite(fill.feeUsd) && fill.feeUsd >= 0)) throw new LedgerError(fill, `fee ${String(fill.feeUsd)} is not a non-negative number`);
  if (fill.kind === 'SETTLEMENT' && fill.side !== 'SELL') throw new LedgerError(fill, 'a settlement pays out held shares, so its side must be SELL');
}

function replace(positions: readonly Position[], tokenId: string, next: Position | null): Position[] {
  const rest = positions.filter((position) => position.tokenId !== tokenId);
  return next === null ? rest : [...rest, next];
}

/** Average cost: the new shares join the old at their own price; fees are carried, not put into avgPrice. */
function buy(ledger: Ledger, fill: Fill, held: Position | undefined): Ledger {
  const shares = roundShares((held?.shares ?? 0) + fill.shares);
  const costBasisUsd = roundUsd((held?.costBasisUsd ?? 0) + fill.price * fill.shares);
  const position: Position = {
    tokenId: fill.tokenId,
    marketId: fill.marketId,
    conditionId: fill.conditionId,
    outcome: fill.outcome,
    category: fill.category,
    shares,
    avgPrice: costBasisUsd / shares,
    costBasisUsd,
    realizedPnlUsd: held?.realizedPnlUsd ?? 0,
    openFeesUsd: roundUsd((held?.openFeesUsd ?? 0) + fill.feeUsd),
    openedAt: held?.openedAt ?? fill.at,
  };
  return {
    ...ledger,
    cash: roundUsd(ledger.cash - fill.price * fill.shares - fill.feeUsd),
    positions: replace(ledger.positions, fill.tokenId, position),
    feesUsd: roundUsd(ledger.feesUsd + fill.feeUsd),
  };
}

/**
 * A sale or a settlement payout. Realized P&L = (price - avgPrice) x shares - this fill's fee - the
 * pro-rata share of the buy fees carried by the position: both legs' fees are in realized P&L once
 * the shares are gone.
 */
function sell(ledger: Ledger, fill: Fill, held: Position | undefined): Ledger {
  const heldShares = held?.shares ?? 0;
  if (held === undefined || fill.shares > heldShares + 1e-9) {
    throw new LedgerError(fill, `selling ${fill.shares} shares of token ${fill.tokenId} but only ${heldShares} held`);
  }
  if (fill.kind === 'SETTLEMENT' && Math.abs(fill.shares - heldShares) > 1e-9) {
    throw new LedgerError(fill, `a settlement pays every held share: ${fill.shares} shares of token ${fill.tokenId} settled but ${heldShares} held`);
  }
  const openFees = held.openFeesUsd ?? 0;
  const feesRealized = roundUsd((openFees * fill.shares) / heldShares);
  const realized = roundUsd((fill.price - held.avgPrice) * fill.shares - fill.feeUsd - feesRealized);
  const shares = roundShares(heldShares - fill.shares);
  const position: Position | null =
    shares === 0
      ? null
      : {
          ...held,
          shares,
          costBasisUsd: roundUsd(shares * held.avgPrice),
          realizedPnlUsd: roundUsd(held.realizedPnlUsd + realized),
          openFeesUsd: roundUsd(openFees - feesRealized),
        };
  return {
    ...ledger,
    cash: roundUsd(ledger.cash + fill.price * fill.shares - fill.feeUsd),
    positions: replace(ledger.positions, fill.tokenId, position),
    realizedPnlUsd: roundUsd(ledger.realizedPnlUsd + realized),
    feesUsd: roundUsd(ledger.feesUsd + fill.feeUsd),
  };
}

/** One fill applied to the ledger; a new ledger comes back and the old one is untouched. */
export function applyFill(ledger: Ledger, fill: Fill): Ledger {
  validate(fill);
  const held = ledger.positions.find((position) => position.tokenId === fill.tokenId);
  return fill.side === 'BUY' ? buy(ledger, fill, held) : sell(ledger, fill, held);
}

/** The ledger after every fill, in order, over a starting bankroll. */
export function buildLedger(startingCash: number, fills: readonly Fill[]): Ledger {
  return fills.reduce(applyFill, emptyLedger(startingCash));
}
