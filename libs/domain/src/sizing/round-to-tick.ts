export type TickRounding = 'down' | 'up' | 'nearest';

/** Slack for prices that sit on the grid but carry float noise: 0.1 + 0.2 is 0.30000000000000004. */
const GRID_EPSILON = 1e-9;

/**
 * Puts a price on the venue's tick grid. 'up' and 'down' leave an on-grid price alone even with
 * float noise (0.1 + 0.2 stays 0.3 with tick 0.01, never 0.31); the result is free of float noise.
 */
export function roundToTick(price: number, tick: number, mode: TickRounding): number {
  if (!Number.isFinite(price)) throw new RangeError(`roundToTick: price must be a finite number, got ${String(price)}`);
  if (!Number.isFinite(tick) || tick <= 0) throw new RangeError(`roundToTick: tick must be a positive number, got ${String(tick)}`);
  const steps = price / tick;
  const whole = mode === 'down' ? Math.floor(steps + GRID_EPSILON) : mode === 'up' ? Math.ceil(steps - GRID_EPSILON) : Math.round(steps);
  return Number((whole * tick).toFixed(10));
}

/** Share quantities go to the venue with 2 decimals; floor so the dollars never exceed the budget. */
export function floorShares(shares: number): number {
  return Math.floor(shares * 100 + 1e-6) / 100;
}
