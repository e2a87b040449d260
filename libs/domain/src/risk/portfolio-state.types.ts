import type { Exposure } from '../portfolio/portfolio.types';

/** What the portfolio-wide checks look at, as of the moment of the check. */
export interface PortfolioState {
  /** Open positions at cost plus open intents (PENDING, APPROVED, EXECUTING), keyed with categoryOf. */
  readonly exposure: Exposure;
  /** Orders sent to the venue in the rolling hour before now. */
  readonly ordersLastHour: number;
  /** Equity now (cash plus positions at their marks). */
  readonly equity: number;
  /** Equity 24 h ago; null while there is no history that old. */
  readonly equity24hAgo: number | null;
}
