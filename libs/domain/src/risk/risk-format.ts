import { formatDecimal } from '../strategy/edge';

/** Dollars as a person reads them in a risk message: `$150.00`, `-$5.00`. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return `$${String(value)}`;
  const cents = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return `${value < 0 && cents > 0 ? '-' : ''}$${cents.toFixed(2)}`;
}

/**
 * A percent with one decimal (`16.0`), or more decimals (up to 4) when a value that differs from
 * its limit would otherwise print equal to it: 14.99 against 15 reads `14.99`, not `15.0`.
 */
export function percentApart(value: number, limit: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits < 4; digits += 1) {
    const text = formatDecimal(value, digits);
    if (Math.abs(value - limit) < 1e-9 || text !== formatDecimal(limit, digits)) return text;
  }
  return formatDecimal(value, 4);
}
