import type { Settings } from '@polybot/config';
import { bankrollCheck, mayProceed, recheckIntent, recheckVerdictOf, tradingStateFor, type Intent, type MarketSnapshot, type RecheckVerdict, type RiskSettings } from '@polybot/domain';
import type { KillSwitchRepository, MarketRepository, RiskCheckPhase, RiskCheckRepository } from '@polybot/persistence';
import { riskSettingsFrom } from '@polybot/runtime';
import type { PortfolioService, PortfolioView } from './portfolio.service';

export interface IntentGateSources {
  readonly portfolio: PortfolioService;
  readonly markets: MarketRepository;
  readonly killSwitches: KillSwitchRepository;
  readonly riskChecks: RiskCheckRepository;
  readonly settings: Settings;
}

export type GatePhase = Extract<RiskCheckPhase, 'APPROVAL' | 'EXECUTION'>;

/** What the rules read that does not depend on the intent. */
export interface GateState {
  readonly view: PortfolioView;
  readonly trippedSwitches: readonly string[];
}

export interface GateReads extends GateState {
  readonly market: MarketSnapshot | null;
}

export interface GateVerdict extends RecheckVerdict {
  readonly view: PortfolioView;
  readonly market: MarketSnapshot | null;
}

/**
 * Runs the risk rules again for an intent at approval and at execution, since minutes can pass
 * after it was proposed: kill switches first, then (for new positions) every limit against the
 * portfolio as it is now. Every result is stored with the intent under its phase. Split into read,
 * decide and record so a caller can overlap the reads with its own and write the results with
 * another statement (an approval's transition).
 */
export class IntentGate {
  /** Settings never change while a service runs: built once, not per re-check. */
  private readonly riskSettings: RiskSettings;

  constructor(private readonly src: IntentGateSources) {
    this.riskSettings = riskSettingsFrom(src.settings);
  }

  /** read, decide and record in turn, for a caller with nothing to do meanwhile. */
  async check(intent: Intent, phase: GatePhase, now: Date): Promise<GateVerdict> {
    const verdict = this.decide(intent, await this.read(intent, now), now);
    await this.record(intent.id, phase, verdict, now);
    return verdict;
  }

  /** Everything the rules read; nothing is written, so a caller may overlap it with other reads. */
  async read(intent: Intent, now: Date): Promise<GateReads> {
    return this.withMarket(intent, await this.readState(now));
  }

  /** The portfolio and the kill switches: needs no intent, so a caller may start it before it has read the intent. */
  async readState(now: Date): Promise<GateState> {
    const [view, tripped] = await Promise.all([this.src.portfolio.view(now), this.src.killSwitches.tripped()]);
    return { view, trippedSwitches: tripped.map((s) => s.name) };
  }

  /** The state with the intent's market. */
  async withMarket(intent: Intent, state: GateState): Promise<GateReads> {
    // The view holds the markets of open intents; one decided meanwhile is read on its own.
    const market = state.view.markets.get(intent.marketId) ?? (await this.src.markets.findById(intent.marketId)) ?? null;
    return { ...state, market };
  }

  /** The verdict carries what it was decided on, so the caller need not read the portfolio or the market again. */
  decide(intent: Intent, reads: GateReads, now: Date): GateVerdict {
    const { view, market, trippedSwitches } = reads;
    const verdict = market
      ? recheckIntent(intent, market, {
          bankroll: view.bankroll,
          portfolio: view.state,
          settings: this.riskSettings,
          now: now.getTime(),
          trippedSwitches,
        })
      : this.withoutMarket(intent, trippedSwitches);
    const unread = intent.type === 'OPEN_POSITION' ? bankrollCheck(view.bankrollBasis) : null;
    return { ...(unread ? recheckVerdictOf([unread, ...verdict.results]) : verdict), view, market };
  }

  /** Stores every result under its phase, passed or not. */
  async record(intentId: string, phase: GatePhase, verdict: RecheckVerdict, now: Date): Promise<void> {
    await this.src.riskChecks.record(intentId, phase, verdict.results, now);
  }

  /** A market we no longer have data for: an exit or claim may still go (it reduces risk); a new position may not. */
  private withoutMarket(intent: Intent, trippedSwitches: readonly string[]): RecheckVerdict {
    const proceed = mayProceed(intent.type, tradingStateFor(trippedSwitches), trippedSwitches);
    const results = [
      { name: 'KILL_SWITCHES', passed: proceed.allowed, value: trippedSwitches.length, limit: 0, message: proceed.reason ?? 'no kill switch blocks it' },
      ...(intent.type === 'OPEN_POSITION'
        ? [{ name: 'MARKET_DATA', passed: false, value: 0, limit: 0, message: `no market data for ${intent.marketId}: cannot re-check the limits` }]
        : []),
    ];
    return recheckVerdictOf(results);
  }
}
