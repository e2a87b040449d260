import type { GammaClient } from './gamma.client';
import type { GammaMarket } from './gamma.types';

/** Condition ids per Gamma request: 66-character ids keep the URL far below common 8 KB limits. */
export const WATCHED_CONDITIONS_PER_REQUEST = 50;
const MAX_NAMED_MISSING = 5;

export interface WatchedMarkets {
  readonly markets: GammaMarket[];
  readonly issues: string[];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function describeMissing(ids: readonly string[]): string {
  const named = ids.slice(0, MAX_NAMED_MISSING).join(', ');
  return ids.length > MAX_NAMED_MISSING ? `${named} (+${ids.length - MAX_NAMED_MISSING} more)` : named;
}

/**
 * Markets that must stay in view although the open catalogue no longer lists them: a held
 * position's market that closed or resolved still has a claim to make. Asked for by condition id
 * without an active/closed filter; ids Gamma leaves out are asked again with `closed=true`, in case
 * the venue defaults to open markets.
 */
export async function fetchWatchedMarkets(
  gamma: GammaClient,
  openMarkets: readonly GammaMarket[],
  conditionIds: readonly string[],
): Promise<WatchedMarkets> {
  if (conditionIds.length === 0) return { markets: [], issues: [] };
  const open = new Set(openMarkets.map((market) => market.conditionId));
  const wanted = [...new Set(conditionIds.map((id) => id.trim()).filter((id) => id !== '' && !open.has(id)))];
  const byCondition = new Map<string, GammaMarket>();
  const issues: string[] = [];
  const ask = async (ids: readonly string[], closed?: boolean): Promise<void> => {
    for (const chunk of chunks(ids, WATCHED_CONDITIONS_PER_REQUEST)) {
      // maxMarkets bounds the paging should a venue ignore the filter and answer with its whole catalogue.
      const page = await gamma.fetchMarkets({ closed, maxMarkets: chunk.length, filters: { condition_ids: chunk } });
      issues.push(...page.issues);
      for (const market of page.markets) if (chunk.includes(market.conditionId)) byCondition.set(market.conditionId, market);
    }
  };

  await ask(wanted);
  const unseen = wanted.filter((id) => !byCondition.has(id));
  if (unseen.length > 0) await ask(unseen, true);
  const missing = wanted.filter((id) => !byCondition.has(id));
  if (missing.length > 0) issues.push(`gamma GET /markets: no market for ${missing.length} watched condition(s): ${describeMissing(missing)}`);
  return { markets: [...byCondition.values()], issues };
}
