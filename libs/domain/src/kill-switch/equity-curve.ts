import type { EquityPoint } from '../portfolio/portfolio.types';

/** The curve up to now, oldest first (the caller's order is not trusted; points after now are not history yet). */
export function equityHistory(curve: readonly EquityPoint[], now: number): EquityPoint[] {
  return curve.filter((point) => point.at.getTime() <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The last point at or before `at`, else the first point (a younger history is the best there is); null when empty. */
export function equityAtOrBefore(history: readonly EquityPoint[], at: number): EquityPoint | null {
  let found: EquityPoint | null = null;
  for (const point of history) if (point.at.getTime() <= at) found = point;
  return found ?? history[0] ?? null;
}
