/** Ledger dollars to 8 decimals: far below a cent, enough to wash out float noise as fills add up. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

/** Shares to the venue's 0.01 precision, so repeated buys and sells add up exactly. */
export function roundShares(value: number): number {
  return Math.round(value * 100) / 100;
}
