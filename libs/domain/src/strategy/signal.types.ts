import type { EventSnapshot, MarketSnapshot, Side } from '../market/market.types';

/** A strategy's candidate trade: not yet checked against risk, not yet an intent. */
export interface Signal {
  readonly strategy: string;
  readonly marketId: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: Side;
  /** The strategy's fair probability of the token paying out. */
  readonly modelProb: number;
  /** The price we would pay (best ask for BUY, best bid for SELL). */
  readonly marketPrice: number;
  /** modelProb - marketPrice for BUY; marketPrice - modelProb for SELL. */
  readonly edge: number;
  /** 0..1, how much the strategy trusts its own fair value. */
  readonly confidence: number;
  readonly reason: string;
}

/** Everything a strategy may look at in one evaluation. */
export interface StrategyInput {
  readonly events: readonly EventSnapshot[];
  /** Epoch ms; strategies never read the clock themselves. */
  readonly now: number;
}

export interface Strategy {
  readonly name: string;
  evaluate(input: StrategyInput): Signal[];
}

/** A signal with the market it was raised on, as risk receives it. */
export interface SignalWithMarket {
  readonly signal: Signal;
  readonly market: MarketSnapshot;
}
