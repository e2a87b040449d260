import type { MarketSnapshot } from '../market/market.types';
import type { UniverseFilterSettings } from './universe-filter-settings';
import { UNIVERSE_FILTERS, UNIVERSE_FILTER_NAMES, type UniverseFilterName } from './universe-filters';

export interface UniverseVerdict {
  readonly tradable: boolean;
  /** Names of the filters the market failed, in filter order. */
  readonly failed: UniverseFilterName[];
  /** One `NAME: why` line per failed filter, same order. */
  readonly reasons: string[];
}

export interface UniverseSummary {
  readonly total: number;
  readonly tradable: number;
  /** Markets each filter excluded; a market failing two filters counts under both. */
  readonly excludedBy: Record<UniverseFilterName, number>;
}

/** Runs every filter (no short-circuit), so the verdict names all the reasons at once. */
export function evaluateUniverse(market: MarketSnapshot, settings: UniverseFilterSettings, now: number): UniverseVerdict {
  const failed: UniverseFilterName[] = [];
  const reasons: string[] = [];
  for (const filter of UNIVERSE_FILTERS) {
    const why = filter.check(market, settings, now);
    if (why === null) continue;
    failed.push(filter.name);
    reasons.push(`${filter.name}: ${why}`);
  }
  return { tradable: failed.length === 0, failed, reasons };
}

export function summarizeUniverse(markets: readonly MarketSnapshot[], settings: UniverseFilterSettings, now: number): UniverseSummary {
  const excludedBy = Object.fromEntries(UNIVERSE_FILTER_NAMES.map((name) => [name, 0])) as Record<UniverseFilterName, number>;
  let tradable = 0;
  for (const market of markets) {
    const verdict = evaluateUniverse(market, settings, now);
    if (verdict.tradable) tradable += 1;
    for (const name of verdict.failed) excludedBy[name] += 1;
  }
  return { total: markets.length, tradable, excludedBy };
}
