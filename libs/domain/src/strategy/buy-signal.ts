import type { MarketSnapshot, TokenQuote } from '../market/market.types';
import type { Signal } from './signal.types';

/** A BUY of `token` at its best ask, worth `fair` by the strategy's reckoning. */
export function buySignal(
  strategy: string,
  market: MarketSnapshot,
  token: TokenQuote,
  priced: { readonly fair: number; readonly ask: number; readonly confidence: number; readonly reason: string },
): Signal {
  return {
    strategy,
    marketId: market.marketId,
    conditionId: market.conditionId,
    tokenId: token.tokenId,
    outcome: token.outcome,
    side: 'BUY',
    modelProb: priced.fair,
    marketPrice: priced.ask,
    edge: priced.fair - priced.ask,
    confidence: priced.confidence,
    reason: priced.reason,
  };
}
