/** The outcome of one named risk check, with the numbers that decided it. */
export interface RiskCheckResult {
  /** Stable code, e.g. MAX_POSITION_PCT. */
  readonly name: string;
  readonly passed: boolean;
  readonly value: number;
  readonly limit: number;
  /** One line a person can read, e.g. "size $150.00 <= 2% of bankroll ($200.00)". */
  readonly message: string;
}
