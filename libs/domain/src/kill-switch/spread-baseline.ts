import type { EventSnapshot } from '../market/market.types';
import { reaches } from './kill-switch-format';

/**
 * A token's normal spread: an exponentially weighted moving average of its observed spreads.
 * While young it is the plain mean (weight 1/(n+1) until that falls below `smoothing`), so the
 * first observation does not dominate for long.
 */
export interface SpreadBaseline {
  readonly tokenId: string;
  readonly marketId: string;
  readonly normalSpread: number;
  /** Observations folded in so far; below the warm-up count the baseline cannot trip anything. */
  readonly observations: number;
}

/** Baselines by token id. */
export type SpreadBaselines = Readonly<Record<string, SpreadBaseline>>;

export interface SpreadBaselineParams {
  /** EWMA weight of a new observation, in (0, 1]. */
  readonly smoothing: number;
  /** Observations needed before the baseline may trip SPREAD_ANOMALY. */
  readonly warmUpObservations: number;
  /** A spread this many times the normal is an anomaly, and is kept out of the baseline. */
  readonly maxSpreadMultiplier: number;
}

export const DEFAULT_SPREAD_SMOOTHING = 0.1;
export const DEFAULT_SPREAD_WARM_UP_OBSERVATIONS = 10;

/** One tradable token's spread as of a snapshot. */
export interface SpreadObservation {
  readonly tokenId: string;
  readonly outcome: string;
  readonly marketId: string;
  readonly question: string;
  readonly spread: number;
  readonly tickSize: number;
}

/**
 * The spreads worth watching: two-sided quotes of markets that are open, on the order book and
 * accepting orders (a closed market's empty book is not an anomaly). A token listed twice counts once.
 */
export function tradableSpreads(events: readonly EventSnapshot[]): SpreadObservation[] {
  const byToken = new Map<string, SpreadObservation>();
  for (const market of events.flatMap((event) => event.markets)) {
    if (!market.active || market.closed || !market.acceptingOrders || !market.enableOrderBook) continue;
    for (const token of market.tokens) {
      const spread = token.spread;
      if (spread === null || !Number.isFinite(spread) || spread < 0) continue;
      byToken.set(token.tokenId, { tokenId: token.tokenId, outcome: token.outcome, marketId: market.marketId, question: market.question, spread, tickSize: market.tickSize });
    }
  }
  return [...byToken.values()];
}

/** Spread over normal. The normal is floored at one tick: a book cannot be tighter, and 0 would divide by zero. */
export function spreadRatio(observation: SpreadObservation, baseline: SpreadBaseline): number {
  return observation.spread / Math.max(baseline.normalSpread, observation.tickSize);
}

export function isWarmedUp(baseline: SpreadBaseline, warmUpObservations: number): boolean {
  return baseline.observations >= warmUpObservations;
}

/**
 * Folds the events' spreads into the baselines (a new object; the input is not changed). See
 * foldSpreadObservation for what is learned and what is left out.
 */
export function updateSpreadBaselines(baselines: SpreadBaselines, events: readonly EventSnapshot[], params: SpreadBaselineParams): SpreadBaselines {
  assertSpreadBaselineParams(params);
  const next: Record<string, SpreadBaseline> = { ...baselines };
  for (const observation of tradableSpreads(events)) {
    const folded = foldSpreadObservation(next[observation.tokenId], observation, params);
    if (folded) next[observation.tokenId] = folded;
  }
  return next;
}

/**
 * One token's baseline after one observation; null when the observation is left out. An
 * observation at or over maxSpreadMultiplier x the current normal is left out, even during the
 * warm-up, so a spike never widens the very baseline it is judged against. Known limit: a lasting
 * widening keeps being refused and keeps tripping the switch until a person looks (the switch
 * needs a manual clear anyway); clearing the token's baseline re-learns it. Validate the params
 * once with assertSpreadBaselineParams: this runs per token, per batch.
 */
export function foldSpreadObservation(baseline: SpreadBaseline | undefined, observation: SpreadObservation, params: SpreadBaselineParams): SpreadBaseline | null {
  if (!baseline) return { tokenId: observation.tokenId, marketId: observation.marketId, normalSpread: observation.spread, observations: 1 };
  if (reaches(spreadRatio(observation, baseline), params.maxSpreadMultiplier)) return null;
  const weight = Math.max(params.smoothing, 1 / (baseline.observations + 1));
  return { ...baseline, normalSpread: weight * observation.spread + (1 - weight) * baseline.normalSpread, observations: baseline.observations + 1 };
}

export function assertSpreadBaselineParams({ smoothing, warmUpObservations, maxSpreadMultiplier }: SpreadBaselineParams): void {
  if (!(smoothing > 0 && smoothing <= 1)) throw new RangeError(`spread baseline: smoothing must be in (0, 1], got ${String(smoothing)}`);
  if (!(Number.isInteger(warmUpObservations) && warmUpObservations >= 1)) {
    throw new RangeError(`spread baseline: warmUpObservations must be an integer >= 1, got ${String(warmUpObservations)}`);
  }
  if (!(maxSpreadMultiplier >= 1 && Number.isFinite(maxSpreadMultiplier))) {
    throw new RangeError(`spread baseline: maxSpreadMultiplier must be a number >= 1, got ${String(maxSpreadMultiplier)}`);
  }
}
