import type { EventSnapshot } from '../market/market.types';
import type { EquityPoint } from '../portfolio/portfolio.types';
import type { SpreadBaselines } from './spread-baseline';

export const KILL_SWITCH_NAMES = ['DRAWDOWN', 'DAILY_LOSS', 'API_ERRORS', 'STALE_DATA', 'SPREAD_ANOMALY'] as const;
export type KillSwitchName = (typeof KILL_SWITCH_NAMES)[number];

/** One switch's verdict, with the number that decided it. */
export interface KillSwitchReading {
  readonly name: KillSwitchName;
  readonly tripped: boolean;
  /** The measured value (percent, seconds, ratio); null when there is nothing to measure yet. */
  readonly value: number | null;
  readonly threshold: number;
  /** One line a person can read, with the numbers. */
  readonly reason: string;
}

export interface KillSwitchSettings {
  /** Percent below the equity peak that trips DRAWDOWN: 15 means 15%. */
  readonly maxDrawdownPct: number;
  /** Percent of the equity 24 h ago lost since that trips DAILY_LOSS. */
  readonly maxDailyLossPct: number;
  /** Percent of venue calls failing within the window that trips API_ERRORS. */
  readonly maxApiErrorRatePct: number;
  /** Calls in the window before the error rate counts. */
  readonly apiErrorMinCalls: number;
  /** Age of the newest market data that trips STALE_DATA. */
  readonly maxStaleDataSeconds: number;
  /** Multiple of a token's normal spread that trips SPREAD_ANOMALY. */
  readonly maxSpreadMultiplier: number;
  /** Observations a token's spread baseline needs before it can trip SPREAD_ANOMALY. */
  readonly spreadWarmUpObservations: number;
}

/** Venue calls and failures within the error window (the caller counts them). */
export interface ApiCallStats {
  readonly calls: number;
  readonly errors: number;
}

/** Everything the switches read; the caller gathers it, nothing here reads a clock or a store. */
export interface KillSwitchInputs {
  /** Epoch ms. */
  readonly now: number;
  /** Equity over time, any order; points after now are ignored. */
  readonly equityCurve: readonly EquityPoint[];
  readonly api: ApiCallStats;
  /** Epoch ms of the newest market data received; null before the first. */
  readonly lastMarketDataAt: number | null;
  /** The latest snapshots of the markets watched. */
  readonly events: readonly EventSnapshot[];
  /** Each token's normal spread, as of BEFORE these events (evaluate, then update). */
  readonly spreadBaselines: SpreadBaselines;
}

export interface KillSwitchRule {
  readonly name: KillSwitchName;
  evaluate(inputs: KillSwitchInputs, settings: KillSwitchSettings): KillSwitchReading;
}
