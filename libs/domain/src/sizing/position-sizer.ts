/**
 * Position sizing: fractional Kelly, then hard caps, then the venue's grid.
 *
 * For a BUY at price p (the best ask, rounded UP to the tick grid so the limit still crosses it;
 * an on-grid ask is unchanged) of a token with model probability q:
 *   1. Full Kelly fraction f* = (q - p) / (1 - p), and 0 when q <= p (no edge: size 0, KELLY).
 *   2. Target USD = bankroll x kellyFraction x f*  (kellyFraction 0.25 = "quarter Kelly").
 *   3. Capped by the smallest of: maxPositionPct% of bankroll; maxNotionalPerMarket minus what the
 *      market already holds (never below 0); the headroom left under the total and the category
 *      exposure limits, when given; available cash, when known. The smallest cap names the
 *      binding constraint (on a tie, the first in that order, Kelly first).
 *   4. Shares = target / p floored to 0.01 share (the venue's size precision), so the dollars
 *      never exceed the target; sizeUsd = shares x p.
 *   5. Fewer shares than the market's minOrderSize (or none at all): size 0, BELOW_MIN_ORDER_SIZE.
 * Bad inputs (NaN, a price outside (0, 1), a negative bankroll, ...) throw PositionSizingError
 * naming the field: sizing never guesses.
 */
import { usd } from '../risk/risk-format';
import { formatProb } from '../strategy/edge';
import { floorShares, roundToTick } from './round-to-tick';
import { type PositionSizingInput, validateSizingInput } from './position-sizing-input';

export type BindingConstraint =
  | 'KELLY'
  | 'MAX_POSITION_PCT'
  | 'MAX_NOTIONAL_PER_MARKET'
  | 'MAX_TOTAL_EXPOSURE_PCT'
  | 'MAX_CATEGORY_EXPOSURE_PCT'
  | 'CASH'
  | 'BELOW_MIN_ORDER_SIZE';

export interface PositionSize {
  readonly sizeUsd: number;
  readonly shares: number;
  /** The limit price, on the tick grid. */
  readonly price: number;
  /** The FULL Kelly fraction f* of the bankroll (before the configured kellyFraction multiplier). */
  readonly kellyFraction: number;
  readonly bindingConstraint: BindingConstraint;
  /** One line a person can read, with the numbers. */
  readonly reason: string;
}

export function kellyFraction(modelProb: number, price: number): number {
  return modelProb > price ? (modelProb - price) / (1 - price) : 0;
}

export function sizePosition(input: PositionSizingInput): PositionSize {
  validateSizingInput(input);
  const price = roundToTick(input.price, input.tickSize, 'up');
  if (price >= 1) throw new RangeError(`position sizing: price ${input.price} rounds up to ${price} on tick ${input.tickSize}`);
  const fStar = kellyFraction(input.modelProb, price);
  const none = (bindingConstraint: BindingConstraint, reason: string): PositionSize => ({ sizeUsd: 0, shares: 0, price, kellyFraction: fStar, bindingConstraint, reason });
  if (fStar === 0) return none('KELLY', `no edge: model ${formatProb(input.modelProb)} <= price ${formatProb(price)}`);

  const kellyUsd = input.bankroll * input.kellyFraction * fStar;
  const caps: [BindingConstraint, number][] = [
    ['KELLY', kellyUsd],
    ['MAX_POSITION_PCT', (input.bankroll * input.maxPositionPct) / 100],
    ['MAX_NOTIONAL_PER_MARKET', Math.max(0, input.maxNotionalPerMarket - input.existingMarketNotional)],
  ];
  const optional: [BindingConstraint, number | null | undefined][] = [
    ['MAX_TOTAL_EXPOSURE_PCT', input.remainingTotalExposureUsd],
    ['MAX_CATEGORY_EXPOSURE_PCT', input.remainingCategoryExposureUsd],
    ['CASH', input.availableCash],
  ];
  for (const [name, cap] of optional) if (cap !== undefined && cap !== null) caps.push([name, Math.max(0, cap)]);
  const [binding, targetUsd] = caps.reduce((best, cap) => (cap[1] < best[1] ? cap : best));

  const shares = floorShares(targetUsd / price);
  const sizeUsd = Number((shares * price).toFixed(6));
  const kellyText = `Kelly ${formatProb(fStar)} x ${input.kellyFraction} x bankroll ${usd(input.bankroll)} = ${usd(kellyUsd)}`;
  const capText = binding === 'KELLY' ? '' : `, capped by ${binding} at ${usd(targetUsd)}`;
  if (shares <= 0 || shares < input.minOrderSize) {
    return none('BELOW_MIN_ORDER_SIZE', `${kellyText}${capText} -> ${shares.toFixed(2)} shares, below the market minimum of ${input.minOrderSize}`);
  }
  return { sizeUsd, shares, price, kellyFraction: fStar, bindingConstraint: binding, reason: `${kellyText}${capText} -> ${shares.toFixed(2)} shares at ${formatProb(price)} (${usd(sizeUsd)})` };
}
