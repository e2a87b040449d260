import type { Settings } from '@polybot/config';
import { mayProceed, recheckIntent, tradingStateFor, type Intent, type RecheckVerdict } from '@polybot/domain';
import type { KillSwitchRepository, MarketRepository, RiskCheckPhase, RiskCheckRepository } from '@polybot/persistence';
import { riskSettingsFrom } from '@polybot/runtime';
import type { PortfolioService } from './portfolio.service';

export interface IntentGateSources {
  readonly portfolio: PortfolioService;
  readonly markets: MarketRepository;
  readonly killSwitches: KillSwitchRepository;
  readonly riskChecks: RiskCheckRepository;
  readonly settings: Settings;
}

/**
 * Runs the risk rules again for an intent at approval and at execution, since minutes can pass
 * after it was proposed: kill switches first, then (for new positions) every limit against the
 * portfolio as it is now. Every result is stored with the intent under its phase.
 */
export class IntentGate {
  constructor(private readonly src: IntentGateSources) {}

  async check(intent: Intent, phase: Extract<RiskCheckPhase, 'APPROVAL' | 'EXECUTION'>, now: Date): Promise<RecheckVerdict> {
    const [view, tripped] = await Promise.all([this.src.portfolio.view(now), this.src.killSwitches.tripped()]);
    const trippedSwitches = tripped.map((s) => s.name);
    // The view holds the markets of open intents; one decided meanwhile is read on its own.
    const market = view.markets.get(intent.marketId) ?? (await this.src.markets.findById(intent.marketId)) ?? undefined;
    const verdict = market
      ? recheckIntent(intent, market, {
          bankroll: view.bankroll,
          portfolio: view.state,
          settings: riskSettingsFrom(this.src.settings),
          now: now.getTime(),
          trippedSwitches,
        })
      : this.withoutMarket(intent, trippedSwitches);
    await this.src.riskChecks.record(intent.id, phase, verdict.results, now);
    return verdict;
  }

  /** A market we no longer have data for: an exit or claim may still go (it reduces risk); a new position may not. */
  private withoutMarket(intent: Intent, trippedSwitches: string[]): RecheckVerdict {
    const proceed = mayProceed(intent.type, tradingStateFor(trippedSwitches), trippedSwitches);
    const results = [
      { name: 'KILL_SWITCHES', passed: proceed.allowed, value: trippedSwitches.length, limit: 0, message: proceed.reason ?? 'no kill switch blocks it' },
      ...(intent.type === 'OPEN_POSITION'
        ? [{ name: 'MARKET_DATA', passed: false, value: 0, limit: 0, message: `no market data for ${intent.marketId}: cannot re-check the limits` }]
        : []),
    ];
    const failed = results.filter((r) => !r.passed);
    return { passed: failed.length === 0, results, blockingMessage: failed.length ? failed.map((r) => `${r.name}: ${r.message}`).join('; ') : null };
  }
}
