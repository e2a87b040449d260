/**
 * Float tolerance for comparisons at a bound: 0.5 - 0.45 is 0.04999999999999999, which must still
 * count as an edge of 0.05. Far below any tick (0.001), so it never admits a real shortfall.
 */
export const PRICE_EPSILON = 1e-9;

export function meetsEdgeThreshold(edge: number, threshold: number): boolean {
  return edge >= threshold - PRICE_EPSILON;
}

/** A price we could trade at: a finite number strictly between 0 and 1 (NaN and null are not). */
export function isTradablePrice(price: number | null | undefined): price is number {
  return typeof price === 'number' && Number.isFinite(price) && price > 0 && price < 1;
}

/**
 * Rounds half away from zero after dropping float noise: plain toFixed turns 0.3125 - 0.26
 * (0.05249999999999999) into "0.052" where a person expects "0.053".
 */
export function formatDecimal(value: number, digits: number): string {
  const scale = 10 ** digits;
  const scaled = Number((Math.abs(value) * scale).toPrecision(12));
  return (Math.sign(value) * (Math.round(scaled) / scale)).toFixed(digits);
}

/** Probabilities and prices in reasons: three decimals, edges signed (`+0.090`, `-0.010`). */
export function formatProb(value: number): string {
  return formatDecimal(value, 3);
}

export function formatEdge(value: number, digits = 3): string {
  const text = formatDecimal(value, digits);
  return text.startsWith('-') ? text : `+${text}`;
}

/** Strategies refuse a bad threshold when built, naming it, rather than silently never signalling. */
export function assertEdgeThreshold(strategy: string, edgeThreshold: number): void {
  if (typeof edgeThreshold !== 'number' || !Number.isFinite(edgeThreshold) || edgeThreshold < 0 || edgeThreshold >= 1) {
    throw new RangeError(`${strategy}: edgeThreshold must be a number in [0, 1), got ${String(edgeThreshold)}`);
  }
}
