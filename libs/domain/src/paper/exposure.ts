import type { Exposure, Position } from '../portfolio/portfolio.types';
import { UNCATEGORIZED } from '../risk/market-category';
import { roundUsd } from './usd';

/** An intent that would add exposure if executed (an open OPEN_POSITION intent). */
export interface OpenIntentExposure {
  readonly marketId: string;
  readonly category: string | null;
  readonly sizeUsd: number;
}

function add(totals: Record<string, number>, key: string, usd: number): void {
  totals[key] = roundUsd((totals[key] ?? 0) + usd);
}

/**
 * Dollars committed: positions at cost plus open intents at their size. Pass only intents that add
 * exposure (OPEN_POSITION); a pending CLOSE_POSITION or CLAIM_SETTLEMENT would reduce it, and is
 * counted only once it executes. Categories should come from categoryOf(market) when the position
 * or intent is recorded; a missing or blank one counts as UNCATEGORIZED, the bucket categoryOf uses.
 */
export function exposureOf(positions: readonly Position[], openIntents: readonly OpenIntentExposure[]): Exposure {
  const byMarket: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  let totalUsd = 0;
  const commitments = [
    ...positions.map((position) => ({ marketId: position.marketId, category: position.category, usd: position.costBasisUsd })),
    ...openIntents.map((intent) => ({ marketId: intent.marketId, category: intent.category, usd: intent.sizeUsd })),
  ];
  for (const { marketId, category, usd } of commitments) {
    if (!(Number.isFinite(usd) && usd >= 0)) throw new RangeError(`exposureOf: dollars committed to market ${marketId} must be a non-negative number, got ${String(usd)}`);
    totalUsd = roundUsd(totalUsd + usd);
    add(byMarket, marketId, usd);
    add(byCategory, category?.trim() || UNCATEGORIZED, usd);
  }
  return { totalUsd, byMarket, byCategory };
}
