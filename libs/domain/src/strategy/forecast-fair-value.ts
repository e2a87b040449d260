import type { MarketSnapshot } from '../market/market.types';
import type { Forecast } from './forecast-row';
import { yesToken } from './yes-token';

export interface ForecastIndex {
  readonly byToken: ReadonlyMap<string, number>;
  readonly byCondition: ReadonlyMap<string, number>;
}

export type ForecastSource = 'token forecast' | 'condition forecast' | 'complement of token forecast';

export interface TokenFairValue {
  readonly fair: number;
  readonly source: ForecastSource;
}

/** Refuses a forecast that is not exactly one id plus a probability in [0, 1], naming it. */
export function indexForecasts(forecasts: readonly Forecast[]): ForecastIndex {
  const byToken = new Map<string, number>();
  const byCondition = new Map<string, number>();
  forecasts.forEach((forecast, index) => {
    const { tokenId, conditionId, probability } = forecast;
    if ((tokenId === undefined) === (conditionId === undefined)) {
      throw new RangeError(`forecast #${index + 1} must have exactly one of tokenId and conditionId`);
    }
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw new RangeError(`forecast #${index + 1} probability must be a number in [0, 1], got ${String(probability)}`);
    }
    if (tokenId !== undefined) byToken.set(tokenId, probability);
    else byCondition.set(conditionId as string, probability);
  });
  return { byToken, byCondition };
}

/**
 * The fair value of each of a market's tokens, by token id. A token's own forecast wins. In a
 * binary market a condition forecast p gives the 'Yes' (else first) token p and the other 1 - p,
 * and a forecast for only one token gives the other its complement. Tokens with none are absent.
 */
export function forecastFairValues(market: MarketSnapshot, index: ForecastIndex): Map<string, TokenFairValue> {
  const fairs = new Map<string, TokenFairValue>();
  const binary = market.tokens.length === 2;
  const conditionP = index.byCondition.get(market.conditionId);
  const yes = yesToken(market);
  for (const token of market.tokens) {
    const own = index.byToken.get(token.tokenId);
    const other = market.tokens.find((t) => t.tokenId !== token.tokenId);
    const otherP = other === undefined ? undefined : index.byToken.get(other.tokenId);
    if (own !== undefined) fairs.set(token.tokenId, { fair: own, source: 'token forecast' });
    else if (binary && conditionP !== undefined) {
      fairs.set(token.tokenId, { fair: token.tokenId === yes?.tokenId ? conditionP : 1 - conditionP, source: 'condition forecast' });
    } else if (binary && otherP !== undefined) fairs.set(token.tokenId, { fair: 1 - otherP, source: 'complement of token forecast' });
  }
  return fairs;
}
