import type { MarketSnapshot } from '../market/market.types';
import type { MarkedPosition } from '../portfolio/portfolio.types';
import type { ExitSettings } from './exit-settings';

export const EXIT_RULES = ['STOP_LOSS', 'TAKE_PROFIT', 'LIQUIDITY_EXIT', 'TIME_EXIT'] as const;
export type ExitRule = (typeof EXIT_RULES)[number];

/** A proposal to sell the whole position at the best bid; it still waits for a person's approval. */
export interface ExitDecision {
  readonly rule: ExitRule;
  readonly reason: string;
  /** The best bid, on the market's tick grid: where a sell order would fill now. */
  readonly price: number;
  /** The whole position. */
  readonly shares: number;
}

export interface ExitContext {
  readonly settings: ExitSettings;
  /** The token's usual spread (e.g. a trailing median); null when not known yet, which disables the liquidity rule. */
  readonly normalSpread: number | null;
  /** Epoch milliseconds; the rules never read the clock. */
  readonly now: number;
}

/** One exit rule: a decision when it fires, null when it does not. */
export type ExitRuleCheck = (position: MarkedPosition, market: MarketSnapshot, ctx: ExitContext) => ExitDecision | null;
