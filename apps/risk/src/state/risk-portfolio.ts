import { withOpenIntent, type Exposure, type OpenIntentExposure, type PortfolioState } from '@polybot/domain';
import type { PortfolioView } from '@polybot/portfolio';

/** An intent this process stored; only an OPEN_POSITION adds exposure. */
export interface ProposedIntent extends OpenIntentExposure {
  readonly intentId: string;
  readonly addsExposure: boolean;
}

/** What risk decides on: the last read of Postgres plus what happened since that the read may lack. */
export interface RiskPortfolio {
  /** As read from Postgres (its exposure lacks the intents proposed since). */
  readonly view: PortfolioView;
  readonly bankroll: number;
  readonly exposure: Exposure;
  readonly state: PortfolioState;
}

/** The read, with the intents proposed and approvals heard since it began (those it already holds count once). */
export function riskPortfolio(view: PortfolioView, proposedSince: readonly ProposedIntent[], approvalsSince: number): RiskPortfolio {
  const read = new Set(view.openIntents.map((intent) => intent.id));
  let exposure = view.exposure;
  for (const proposed of proposedSince) if (proposed.addsExposure && !read.has(proposed.intentId)) exposure = withOpenIntent(exposure, proposed);
  // An approval heard since the read may be an order the read did not count yet: count it (at most one too many).
  return { view, bankroll: view.bankroll, exposure, state: { ...view.state, exposure, ordersLastHour: view.state.ordersLastHour + approvalsSince } };
}

export function withProposed(portfolio: RiskPortfolio, proposed: ProposedIntent): RiskPortfolio {
  if (!proposed.addsExposure) return portfolio;
  const exposure = withOpenIntent(portfolio.exposure, proposed);
  return { ...portfolio, exposure, state: { ...portfolio.state, exposure } };
}

export function withApproval(portfolio: RiskPortfolio): RiskPortfolio {
  return { ...portfolio, state: { ...portfolio.state, ordersLastHour: portfolio.state.ordersLastHour + 1 } };
}
