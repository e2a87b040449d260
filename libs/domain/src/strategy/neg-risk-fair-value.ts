import type { EventSnapshot, MarketSnapshot, TokenQuote } from '../market/market.types';
import { isTradablePrice } from './edge';
import { yesToken } from './yes-token';

export interface NegRiskLeg {
  readonly market: MarketSnapshot;
  /** The market's YES token. */
  readonly token: TokenQuote;
  readonly mid: number;
  /** mid / sum of every leg's mid: the price this leg would have if the event's YES prices summed to 1. */
  readonly fair: number;
}

export interface NegRiskFairValues {
  readonly sumOfMids: number;
  readonly legs: readonly NegRiskLeg[];
}

/**
 * In a neg-risk event exactly one market resolves YES, so the YES prices should sum to 1.
 * Normalizing each YES mid by their sum gives a fair value per market.
 *
 * Every market of the event is a leg, closed or not: its probability mass is still part of the
 * whole while it has a book. A market with no YES mid (one-sided or missing book, e.g. a closed
 * market whose book is gone) leaves the sum unknown, so the whole event is skipped (null) rather
 * than normalized over a partial set. Also null: not neg-risk, fewer than 2 markets.
 */
export function negRiskFairValues(event: EventSnapshot): NegRiskFairValues | null {
  if (!event.negRisk || event.markets.length < 2) return null;
  const priced: { market: MarketSnapshot; token: TokenQuote; mid: number }[] = [];
  for (const market of event.markets) {
    const token = yesToken(market);
    if (token === null || !isTradablePrice(token.mid)) return null;
    priced.push({ market, token, mid: token.mid });
  }
  const sumOfMids = priced.reduce((sum, leg) => sum + leg.mid, 0);
  return { sumOfMids, legs: priced.map((leg) => ({ ...leg, fair: leg.mid / sumOfMids })) };
}

/**
 * Confidence of a neg-risk fair value: 1 when the YES mids already sum to 1, falling linearly to 0
 * when they miss 1 by MAX_SUM_DEVIATION or more. A small gap is a believable mispricing; a big one
 * more likely means a stale book or an outcome the event does not list, so we trust it less.
 */
export const MAX_SUM_DEVIATION = 0.5;

export function negRiskConfidence(sumOfMids: number): number {
  return Math.min(1, Math.max(0, 1 - Math.abs(1 - sumOfMids) / MAX_SUM_DEVIATION));
}
