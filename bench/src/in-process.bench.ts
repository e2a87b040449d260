import { NegRiskConsistencyStrategy, proposeOpenPosition, type EventSnapshot, type PortfolioState, type RiskSettings } from '@polybot/domain';
import { createMarketDataSource, NO_VENUE_CALL_RECORDER } from '@polybot/polymarket';
import { BANKROLL_USD } from './service.stack';
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

/** The same limits the bench gives the services (see service.stack.ts). */
const RISK: RiskSettings = {
  maxPositionPct: 0.00005,
  maxNotionalPerMarket: 1_000_000_000,
  edgeThreshold: 0.05,
  universe: {
    minLiquidityUsd: 1000,
    minVolume24hUsd: 0,
    maxSpread: 0.1,
    minHoursToResolution: 24,
    maxDaysToResolution: 365,
    requireOrderBook: true,
    requireAcceptingOrders: true,
  },
  maxTotalExposurePct: 100,
  maxCategoryExposurePct: 100,
  maxOrdersPerHour: 1_000_000,
  maxDailyLossPct: 100,
  maxStaleDataSeconds: 60,
};

const EMPTY_PORTFOLIO: PortfolioState = {
  exposure: { totalUsd: 0, byMarket: {}, byCategory: {} },
  ordersLastHour: 0,
  equity: BANKROLL_USD,
  equity24hAgo: null,
};

function evaluateAndRisk(strategy: NegRiskConsistencyStrategy, events: readonly EventSnapshot[], now: number): { signals: number; proposed: number } {
  const markets = new Map(events.flatMap((event) => event.markets.map((market) => [market.marketId, market] as const)));
  let proposed = 0;
  const signals = strategy.evaluate({ events, now });
  for (const signal of signals) {
    const market = markets.get(signal.marketId);
    if (!market) continue;
    const decision = proposeOpenPosition(signal, market, {
      bankroll: BANKROLL_USD,
      kellyFraction: 0.25,
      existingMarketNotional: 0,
      portfolio: EMPTY_PORTFOLIO,
      settings: RISK,
      now,
      expirySeconds: 3600,
    });
    if (decision.decision === 'PROPOSE') proposed += 1;
  }
  return { signals: signals.length, proposed };
}

/** NegRiskConsistencyStrategy + proposeOpenPosition over the same snapshots the services get, in this process. */
export async function measureInProcess(env: Record<string, string>, runs: number): Promise<InProcessResult> {
  const source = createMarketDataSource({
    gammaUrl: env['POLYBOT_GAMMA_API_URL'],
    clobUrl: env['POLYBOT_CLOB_API_URL'],
    timeoutMs: 30_000,
    maxRetries: 3,
    booksBatchSize: 100,
    gammaPageSize: 100,
    recorder: NO_VENUE_CALL_RECORDER,
  });
  const fetchStarted = performance.now();
  const cycle = await source.fetchCycle();
  const fetchMs = performance.now() - fetchStarted;
  const strategy = new NegRiskConsistencyStrategy({ edgeThreshold: 0.05 });
  const now = Date.now();

  const timings: number[] = [];
  let counts = { signals: 0, proposed: 0 };
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    counts = evaluateAndRisk(strategy, cycle.events, now);
    timings.push(performance.now() - started);
  }

  const negRisk = cycle.events.filter((event) => event.negRisk);
  const perEvent: number[] = [];
  for (let n = 0; n < 2000 && negRisk.length > 0; n++) {
    const event = negRisk[n % negRisk.length];
    const started = performance.now();
    evaluateAndRisk(strategy, [event], now);
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
