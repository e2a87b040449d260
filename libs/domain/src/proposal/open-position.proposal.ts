import type { MarketSnapshot } from '../market/market.types';
import { categoryOf } from '../risk/market-category';
import type { PortfolioState } from '../risk/portfolio-state.types';
import type { RiskCheckResult } from '../risk/risk-check.types';
import type { RiskSettings } from '../risk/risk-context.types';
import { createDefaultRiskChecks, runRiskChecks } from '../risk/run-risk-checks';
import { sizePosition, type PositionSize } from '../sizing/position-sizer';
import type { Signal } from '../strategy/signal.types';

export interface ProposalContext {
  readonly bankroll: number;
  readonly kellyFraction: number;
  /** Dollars already committed to this market (open positions plus open intents). */
  readonly existingMarketNotional: number;
  /** The portfolio now: exposure (positions at cost plus open intents), orders this hour, equity. */
  readonly portfolio: PortfolioState;
  readonly settings: RiskSettings;
  readonly now: number;
  readonly expirySeconds: number;
}

/** What an OPEN_POSITION intent will hold, before it has an id or a status. */
export interface OpenPositionDraft {
  readonly type: 'OPEN_POSITION';
  readonly price: number;
  readonly sizeUsd: number;
  readonly shares: number;
  readonly reason: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export type ProposalDecision =
  | { readonly decision: 'PROPOSE'; readonly draft: OpenPositionDraft; readonly checks: RiskCheckResult[]; readonly sizing: PositionSize }
  | { readonly decision: 'DENY'; readonly checks: RiskCheckResult[]; readonly sizing: PositionSize | null };

/** A sizing that cannot run (bad numbers from the venue) is itself a failed check: fail closed, keep the reason. */
function sizingFailure(error: unknown): RiskCheckResult {
  return { name: 'POSITION_SIZING', passed: false, value: 0, limit: 0, message: error instanceof Error ? error.message : String(error) };
}

/**
 * Turns a signal into an OPEN_POSITION intent draft, or a denial: size it (fractional Kelly within
 * every cap, including the headroom left under the total and category exposure limits, so a
 * nearly full book yields a smaller order rather than a denial), then run every risk check on that
 * size. All check results are kept either way.
 */
export function proposeOpenPosition(signal: Signal, market: MarketSnapshot, ctx: ProposalContext): ProposalDecision {
  let sizing: PositionSize;
  try {
    sizing = sizePosition({
      price: signal.marketPrice,
      modelProb: signal.modelProb,
      bankroll: ctx.bankroll,
      kellyFraction: ctx.kellyFraction,
      maxPositionPct: ctx.settings.maxPositionPct,
      maxNotionalPerMarket: ctx.settings.maxNotionalPerMarket,
      existingMarketNotional: ctx.existingMarketNotional,
      ...exposureHeadroom(market, ctx),
      tickSize: market.tickSize,
      minOrderSize: market.minOrderSize,
    });
  } catch (error) {
    return { decision: 'DENY', checks: [sizingFailure(error)], sizing: null };
  }
  const verdict = runRiskChecks(createDefaultRiskChecks(), {
    signal,
    market,
    sizeUsd: sizing.sizeUsd,
    shares: sizing.shares,
    price: sizing.price,
    bankroll: ctx.bankroll,
    existingMarketNotional: ctx.existingMarketNotional,
    portfolio: ctx.portfolio,
    settings: ctx.settings,
    now: ctx.now,
  });
  if (!verdict.passed) return { decision: 'DENY', checks: verdict.results, sizing };
  return {
    decision: 'PROPOSE',
    checks: verdict.results,
    sizing,
    draft: {
      type: 'OPEN_POSITION',
      price: sizing.price,
      sizeUsd: sizing.sizeUsd,
      shares: sizing.shares,
      reason: `${signal.side} signal with ${(signal.edge * 100).toFixed(1)}% edge, confidence ${signal.confidence.toFixed(2)}: ${signal.reason}`,
      createdAt: new Date(ctx.now),
      expiresAt: new Date(ctx.now + ctx.expirySeconds * 1000),
    },
  };
}

/** Dollars left under the total and the category exposure limits (negative when already over: the sizer buys nothing). */
function exposureHeadroom(market: MarketSnapshot, ctx: ProposalContext): { remainingTotalExposureUsd: number; remainingCategoryExposureUsd: number } {
  const { exposure } = ctx.portfolio;
  return {
    remainingTotalExposureUsd: (ctx.bankroll * ctx.settings.maxTotalExposurePct) / 100 - exposure.totalUsd,
    remainingCategoryExposureUsd: (ctx.bankroll * ctx.settings.maxCategoryExposurePct) / 100 - (exposure.byCategory[categoryOf(market)] ?? 0),
  };
}
