import type { Mills } from './world.types';

/** "0.5", "0.41", "0.001": the venue drops trailing zeros. */
export function formatMills(mills: Mills): string {
  return (Number.isInteger(mills) && mills >= 0 && mills <= 1000 ? PRICE_TEXT[mills] : undefined) ?? String(Number((mills / 1000).toFixed(3)));
}

/** Every price in [0, 1] on the finest tick, formatted once: the random walk formats thousands a second. */
const PRICE_TEXT: readonly string[] = Array.from({ length: 1001 }, (_, mills) => String(Number((mills / 1000).toFixed(3))));

export function millsToNumber(mills: Mills): number {
  return Number((mills / 1000).toFixed(3));
}

export function formatSize(size: number): string {
  return String(Number(size.toFixed(2)));
}
