import type { MarketSnapshot, TokenQuote } from '../market/market.types';

/**
 * The token that pays when the market's question resolves "yes": the one whose outcome is 'Yes'
 * (any case), else the first token (Gamma lists the affirmative outcome first).
 */
export function yesToken(market: MarketSnapshot): TokenQuote | null {
  return market.tokens.find((token) => token.outcome.trim().toLowerCase() === 'yes') ?? market.tokens[0] ?? null;
}

/** Whether a market takes new orders now: a candidate for a BUY signal. */
export function isOpenForOrders(market: MarketSnapshot): boolean {
  return market.active && !market.closed && market.acceptingOrders;
}
