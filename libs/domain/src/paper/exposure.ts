import type { Exposure, Position } from '../portfolio/portfolio.types';
import { UNCATEGORIZED } from '../risk/market-category';
import { roundUsd } from './usd';

/** An intent that would add exposure if executed (an open OPEN_POSITION intent). */
export interface OpenIntentExposure {
  readonly marketId: string;
  readonly category: string | null;
  readonly sizeUsd: number;
}

/**
 * Dollars committed: positions at cost plus open intents at their size. Pass only intents that add
 * exposure (OPEN_POSITION); a pending CLOSE_POSITION or CLAIM_SETTLEMENT would reduce it, and is
 * counted only once it executes. Categories should come from categoryOf(market) when the position
 * or intent is recorded; a missing or blank one counts as UNCATEGORIZED, the bucket categoryOf uses.
 */
export function exposureOf(positions: readonly Position[], openIntents: readonly OpenIntentExposure[]): Exposure {
  const totals = { totalUsd: 0, byMarket: {}, byCategory: {} };
  for (const position of positions) commit(totals, position.marketId, position.category, position.costBasisUsd);
  for (const intent of openIntents) commit(totals, intent.marketId, intent.category, intent.sizeUsd);
  return totals;
}

/** The exposure with one more open intent, as exposureOf would sum it (the input is not changed). */
export function withOpenIntent(exposure: Exposure, intent: OpenIntentExposure): Exposure {
  const totals = { totalUsd: exposure.totalUsd, byMarket: { ...exposure.byMarket }, byCategory: { ...exposure.byCategory } };
  commit(totals, intent.marketId, intent.category, intent.sizeUsd);
  return totals;
}

function commit(totals: { totalUsd: number; byMarket: Record<string, number>; byCategory: Record<string, number> }, marketId: string, category: string | null, usd: number): void {
  if (!(Number.isFinite(usd) && usd >= 0)) throw new RangeError(`exposureOf: dollars committed to market ${marketId} must be a non-negative number, got ${String(usd)}`);
  totals.totalUsd = roundUsd(totals.totalUsd + usd);
  add(totals.byMarket, marketId, usd);
  add(totals.byCategory, category?.trim() || UNCATEGORIZED, usd);
}

function add(totals: Record<string, number>, key: string, usd: number): void {
  totals[key] = roundUsd((totals[key] ?? 0) + usd);
}
