import type { FeeSchedule } from '../market/market.types';

/** Which side of the trade we were: the taker crosses the spread, the maker rested on the book. */
export type LiquidityRole = 'TAKER' | 'MAKER';

/** The venue rounds fees down to 5 decimals (0.00001 USDC). */
const FEE_DECIMALS = 1e5;

/** Rounds a fee down to the venue's precision; the epsilon keeps 1.68 from flooring to 1.67999 through float noise. */
export function floorFee(fee: number): number {
  return Math.floor(fee * FEE_DECIMALS + 1e-6) / FEE_DECIMALS;
}

/**
 * Polymarket's platform fee on one fill: shares x rate x (p x (1 - p))^exponent, floored to 5
 * decimals. The fee peaks at p = 0.5 and vanishes near 0 and 1. No schedule means no fee; a maker
 * pays nothing when the schedule is taker-only.
 */
export function takerFee(shares: number, price: number, schedule: FeeSchedule | null, role: LiquidityRole = 'TAKER'): number {
  if (!(Number.isFinite(shares) && shares >= 0)) throw new RangeError(`takerFee: shares must be a non-negative number, got ${String(shares)}`);
  if (!(Number.isFinite(price) && price >= 0 && price <= 1)) throw new RangeError(`takerFee: price must be in [0, 1], got ${String(price)}`);
  if (schedule === null) return 0;
  if (!(Number.isFinite(schedule.rate) && schedule.rate >= 0)) throw new RangeError(`takerFee: fee rate must be a non-negative number, got ${String(schedule.rate)}`);
  if (!(Number.isFinite(schedule.exponent) && schedule.exponent >= 0)) throw new RangeError(`takerFee: fee exponent must be a non-negative number, got ${String(schedule.exponent)}`);
  if (role === 'MAKER' && schedule.takerOnly) return 0;
  return floorFee(shares * schedule.rate * Math.pow(price * (1 - price), schedule.exponent));
}
