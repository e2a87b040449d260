import type { Ledger, MarkedPosition, Position } from '../portfolio/portfolio.types';
import { roundUsd } from './usd';

export interface MarkedLedger {
  /** cash + every position's market value. */
  readonly equity: number;
  readonly positionsValueUsd: number;
  /** Sum over marked positions of (mark - avgPrice) x shares; fees excluded (see Position.openFeesUsd). */
  readonly unrealizedPnlUsd: number;
  readonly positions: readonly MarkedPosition[];
  /** Positions with no mark this time, valued at cost. */
  readonly unmarkedTokenIds: readonly string[];
}

function markPosition(position: Position, mark: number | null): MarkedPosition {
  if (mark === null) return { ...position, markPrice: null, marketValueUsd: position.costBasisUsd, unrealizedPnlUsd: 0, pnlPct: 0 };
  const marketValueUsd = roundUsd(mark * position.shares);
  const unrealizedPnlUsd = roundUsd(marketValueUsd - position.costBasisUsd);
  return {
    ...position,
    markPrice: mark,
    marketValueUsd,
    unrealizedPnlUsd,
    pnlPct: position.costBasisUsd > 0 ? (unrealizedPnlUsd / position.costBasisUsd) * 100 : 0,
  };
}

/**
 * Values every position at its mark: the best bid, what the shares could be sold for now. A
 * position with no mark (no bid, no book this cycle) is valued at cost and listed as unmarked rather
 * than at 0, which would fake a loss. Equity = startingCash + realized + unrealized - the buy fees
 * still carried by open positions.
 */
export function markLedger(ledger: Ledger, marks: ReadonlyMap<string, number | null>): MarkedLedger {
  const positions = ledger.positions.map((position) => {
    const mark = marks.get(position.tokenId) ?? null;
    if (mark !== null && !(Number.isFinite(mark) && mark >= 0 && mark <= 1)) {
      throw new RangeError(`markLedger: mark for token ${position.tokenId} must be in [0, 1], got ${String(mark)}`);
    }
    return markPosition(position, mark);
  });
  const positionsValueUsd = roundUsd(positions.reduce((sum, position) => sum + position.marketValueUsd, 0));
  return {
    equity: roundUsd(ledger.cash + positionsValueUsd),
    positionsValueUsd,
    unrealizedPnlUsd: roundUsd(positions.reduce((sum, position) => sum + position.unrealizedPnlUsd, 0)),
    positions,
    unmarkedTokenIds: positions.filter((position) => position.markPrice === null).map((position) => position.tokenId),
  };
}
