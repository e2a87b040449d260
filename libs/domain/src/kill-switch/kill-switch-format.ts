/** Float slack at a threshold: a value that prints as exactly the threshold counts as reaching it. */
export const THRESHOLD_EPSILON = 1e-9;

export function reaches(value: number, threshold: number): boolean {
  return value >= threshold - THRESHOLD_EPSILON;
}
