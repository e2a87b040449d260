import { NegRiskConsistencyStrategy, proposeOpenPosition, type EventSnapshot, type PortfolioState, type RiskSettings } from '@polybot/domain';
import { createMarketDataSource, NO_VENUE_CALL_RECORDER } from '@polybot/polymarket';
import { loadSettings, type Settings } from '@polybot/config';
import { marketDataConfigFrom, riskSettingsFrom } from '@polybot/runtime';
import { benchLimitsEnv } from './service.stack';
import { median, round, summarize, type LatencySummary } from './stats';

export interface InProcessResult {
  /** Gamma + CLOB books fetched over HTTP with the ingestor's own clients (ms, one cycle). */
  readonly fetchMs: number;
  readonly events: number;
  readonly markets: number;
  readonly tokens: number;
  /** Strategy over every event plus risk on every signal, no queues, no database (ms, median of runs). */
  readonly evaluateAndRiskMs: number;
  readonly signals: number;
  readonly proposed: number;
  /** One neg-risk event evaluated and its signals risk-checked: the in-process cost of one price change. */
  readonly perEventUs: LatencySummary;
}

/** What the services decide by (service.stack.ts), as the domain takes it. */
interface BenchDecisionSettings {
  readonly bankroll: number;
  readonly kellyFraction: number;
  readonly expirySeconds: number;
  readonly risk: RiskSettings;
  /** Nothing held, no orders: the bench's services start from an empty book too. */
  readonly portfolio: PortfolioState;
}

function decisionSettings(settings: Settings): BenchDecisionSettings {
  const bankroll = settings.paperBankroll;
  return {
    bankroll,
    kellyFraction: settings.kellyFraction,
    expirySeconds: settings.intentExpirySeconds,
    risk: riskSettingsFrom(settings),
    portfolio: { exposure: { totalUsd: 0, byMarket: {}, byCategory: {} }, ordersLastHour: 0, equity: bankroll, equity24hAgo: null },
  };
}

function evaluateAndRisk(strategy: NegRiskConsistencyStrategy, events: readonly EventSnapshot[], now: number, decide: BenchDecisionSettings): { signals: number; proposed: number } {
  const markets = new Map(events.flatMap((event) => event.markets.map((market) => [market.marketId, market] as const)));
  let proposed = 0;
  const signals = strategy.evaluate({ events, now });
  for (const signal of signals) {
    const market = markets.get(signal.marketId);
    if (!market) continue;
    const decision = proposeOpenPosition(signal, market, {
      bankroll: decide.bankroll,
      kellyFraction: decide.kellyFraction,
      existingMarketNotional: 0,
      portfolio: decide.portfolio,
      settings: decide.risk,
      now,
      expirySeconds: decide.expirySeconds,
    });
    if (decision.decision === 'PROPOSE') proposed += 1;
  }
  return { signals: signals.length, proposed };
}

/**
 * NegRiskConsistencyStrategy + proposeOpenPosition over the same snapshots the services get, in this
 * process, fetched by the ingestor's market-data source configured as the ingestor configures it.
 */
export async function measureInProcess(simEnv: Record<string, string>, runs: number, loopSeconds: number): Promise<InProcessResult> {
  const settings = loadSettings({ ...simEnv, ...benchLimitsEnv(loopSeconds) }, { envFile: false });
  const decide = decisionSettings(settings);
  const source = createMarketDataSource(marketDataConfigFrom(settings, NO_VENUE_CALL_RECORDER));
  const fetchStarted = performance.now();
  const cycle = await source.fetchCycle();
  const fetchMs = performance.now() - fetchStarted;
  const strategy = new NegRiskConsistencyStrategy({ edgeThreshold: decide.risk.edgeThreshold });
  const now = Date.now();

  const timings: number[] = [];
  let counts = { signals: 0, proposed: 0 };
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    counts = evaluateAndRisk(strategy, cycle.events, now, decide);
    timings.push(performance.now() - started);
  }

  const negRisk = cycle.events.filter((event) => event.negRisk);
  const perEvent: number[] = [];
  for (let n = 0; n < 2000 && negRisk.length > 0; n++) {
    const event = negRisk[n % negRisk.length];
    const started = performance.now();
    evaluateAndRisk(strategy, [event], now, decide);
    perEvent.push((performance.now() - started) * 1000);
  }
  return {
    fetchMs: round(fetchMs),
    events: cycle.stats.events,
    markets: cycle.stats.markets,
    tokens: cycle.stats.tokens,
    evaluateAndRiskMs: round(median(timings)),
    signals: counts.signals,
    proposed: counts.proposed,
    perEventUs: summarize(perEvent.slice(200)),
  };
}
