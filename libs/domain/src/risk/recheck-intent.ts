import type { Intent } from '../intent/intent.types';
import type { MarketSnapshot } from '../market/market.types';
import type { Exposure } from '../portfolio/portfolio.types';
import type { Signal } from '../strategy/signal.types';
import { mayProceed, tradingStateFor } from '../trading-state/trading-state';
import { categoryOf } from './market-category';
import type { PortfolioState } from './portfolio-state.types';
import type { RiskCheckResult } from './risk-check.types';
import type { RiskSettings } from './risk-context.types';
import { createRecheckRiskChecks, runRiskChecks } from './run-risk-checks';

export interface RecheckContext {
  readonly bankroll: number;
  /** The portfolio NOW. Its exposure counts every open intent, this one included (see exposureIncludesIntent). */
  readonly portfolio: PortfolioState;
  readonly settings: RiskSettings;
  /** Epoch ms. */
  readonly now: number;
  /** Kill switches tripped now; none when omitted. */
  readonly trippedSwitches?: readonly string[];
  /** Whether portfolio.exposure already counts this intent (true, the default, for any open intent). */
  readonly exposureIncludesIntent?: boolean;
}

export interface RecheckVerdict {
  readonly passed: boolean;
  readonly results: RiskCheckResult[];
  /** Every failed check as `NAME: message`, joined by '; '; null when passed. */
  readonly blockingMessage: string | null;
}

/**
 * Re-runs the risk rules for an existing intent against the current portfolio, before a person's
 * approval takes effect or the executor sends it. The first result is always KILL_SWITCHES (the
 * trading state). An OPEN_POSITION keeps its size: the recheck checks (createRecheckRiskChecks)
 * judge that size against the exposure of everything else, so the intent's own share of the
 * open-intent exposure is taken out first. CLOSE_POSITION and CLAIM_SETTLEMENT only reduce risk:
 * nothing but the trading state is checked, and it lets them through.
 */
export function recheckIntent(intent: Intent, market: MarketSnapshot, ctx: RecheckContext): RecheckVerdict {
  const tripped = ctx.trippedSwitches ?? [];
  const results: RiskCheckResult[] = [killSwitchResult(intent, tripped)];
  if (intent.type === 'OPEN_POSITION') {
    if (intent.marketId !== market.marketId) {
      results.push({ name: 'INTENT_MARKET', passed: false, value: 0, limit: 0, message: `intent is for market ${intent.marketId}, re-checked against ${market.marketId}` });
    } else {
      results.push(...recheckOpenPosition(intent, market, ctx));
    }
  }
  return recheckVerdictOf(results);
}

/** The verdict of these results: blocked by every one that failed. */
export function recheckVerdictOf(results: readonly RiskCheckResult[]): RecheckVerdict {
  const failed = results.filter((result) => !result.passed);
  return { passed: failed.length === 0, results: [...results], blockingMessage: failed.length === 0 ? null : failed.map((r) => `${r.name}: ${r.message}`).join('; ') };
}

/** The same re-check under the name the approval path reads best with. */
export const recheckForApproval = recheckIntent;

function killSwitchResult(intent: Intent, tripped: readonly string[]): RiskCheckResult {
  const state = tradingStateFor(tripped);
  const decision = mayProceed(intent.type, state, tripped);
  const base = { name: 'KILL_SWITCHES', passed: decision.allowed, value: tripped.length, limit: 0 };
  if (!decision.allowed) return { ...base, message: decision.reason ?? 'trading is HALTED' };
  if (state === 'ACTIVE') return { ...base, message: 'no kill switch tripped' };
  return { ...base, message: `trading is HALTED (${tripped.join(', ')}), but ${intent.type} reduces risk: allowed` };
}

function recheckOpenPosition(intent: Intent, market: MarketSnapshot, ctx: RecheckContext): RiskCheckResult[] {
  const exposure = ctx.exposureIncludesIntent === false ? ctx.portfolio.exposure : withoutIntent(ctx.portfolio.exposure, intent.sizeUsd, market);
  const verdict = runRiskChecks(createRecheckRiskChecks(), {
    signal: signalOf(intent),
    market,
    sizeUsd: intent.sizeUsd,
    shares: intent.price > 0 ? Math.round((intent.sizeUsd / intent.price) * 100) / 100 : 0,
    price: intent.price,
    bankroll: ctx.bankroll,
    existingMarketNotional: exposure.byMarket[market.marketId] ?? 0,
    portfolio: { ...ctx.portfolio, exposure },
    settings: ctx.settings,
    now: ctx.now,
  });
  return verdict.results;
}

/** Exposure minus one open intent's dollars (never below 0: a stale exposure must not go negative). */
function withoutIntent(exposure: Exposure, sizeUsd: number, market: MarketSnapshot): Exposure {
  const less = (value: number | undefined) => Math.max(0, (value ?? 0) - sizeUsd);
  const category = categoryOf(market);
  return {
    totalUsd: less(exposure.totalUsd),
    byMarket: { ...exposure.byMarket, [market.marketId]: less(exposure.byMarket[market.marketId]) },
    byCategory: { ...exposure.byCategory, [category]: less(exposure.byCategory[category]) },
  };
}

/** The intent's own numbers as the signal the checks expect (MIN_EDGE, the only reader of the edge, is not re-run). */
function signalOf(intent: Intent): Signal {
  return {
    strategy: intent.strategy ?? 'unknown',
    marketId: intent.marketId,
    conditionId: intent.conditionId,
    tokenId: intent.tokenId,
    outcome: intent.outcome,
    side: intent.side,
    modelProb: intent.modelProb ?? Number.NaN,
    marketPrice: intent.marketPrice ?? intent.price,
    edge: intent.edge ?? Number.NaN,
    confidence: intent.confidence ?? Number.NaN,
    reason: intent.reason,
  };
}
