/** Dollars as a person reads them in a risk message: `$150.00`, `-$5.00`. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return `$${String(value)}`;
  const cents = Math.round(Math.abs(value) * 100 + 1e-7) / 100;
  return `${value < 0 && cents > 0 ? '-' : ''}$${cents.toFixed(2)}`;
}
