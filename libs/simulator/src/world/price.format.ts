import type { Mills } from './world.types';

/** "0.5", "0.41", "0.001": the venue drops trailing zeros. */
export function formatMills(mills: Mills): string {
  return String(Number((mills / 1000).toFixed(3)));
}

export function millsToNumber(mills: Mills): number {
  return Number((mills / 1000).toFixed(3));
}

export function formatSize(size: number): string {
  return String(Number(size.toFixed(2)));
}
