import type { Settings } from '@polybot/config';
import { evaluateUniverse, summarizeUniverse, widestSpread, type UniverseFilterName } from '@polybot/domain';
import type { MarketRepository } from '@polybot/persistence';
import { universeFilterSettingsFrom } from '@polybot/runtime';

export interface UniverseMarketJson {
  market_id: string;
  question: string;
  category: string | null;
  liquidity_usd: number;
  volume_24h_usd: number;
  widest_spread: number | null;
  end_date: string | null;
}

export interface UniverseReport {
  /** The configured filters, as the domain applies them. */
  filters: {
    min_liquidity_usd: number;
    min_volume_24h_usd: number;
    max_spread: number;
    min_hours_to_resolution: number;
    max_days_to_resolution: number;
    require_order_book: boolean;
    require_accepting_orders: boolean;
  };
  /** Open (not closed) markets stored. */
  total: number;
  tradable: number;
  /** Markets each filter excluded; a market failing two filters counts under both. */
  excluded_by: Record<UniverseFilterName, number>;
  /** The most liquid tradable markets, most liquid first. */
  top_markets: UniverseMarketJson[];
  newest_update: string | null;
  generated_at: string;
}

export interface UniverseSources {
  readonly settings: Settings;
  readonly markets: MarketRepository;
  readonly now: Date;
}

/** The tradable universe now, judged from the stored snapshots with the configured filters. */
export async function buildUniverseReport(src: UniverseSources, opts: { top?: number } = {}): Promise<UniverseReport> {
  const filters = universeFilterSettingsFrom(src.settings);
  const [markets, newest] = await Promise.all([src.markets.listOpen(), src.markets.newestUpdate()]);
  const now = src.now.getTime();
  const summary = summarizeUniverse(markets, filters, now);
  const top = markets
    .filter((m) => evaluateUniverse(m, filters, now).tradable)
    .sort((a, b) => b.liquidityUsd - a.liquidityUsd || a.marketId.localeCompare(b.marketId))
    .slice(0, Math.max(0, opts.top ?? 20));
  return {
    filters: {
      min_liquidity_usd: filters.minLiquidityUsd,
      min_volume_24h_usd: filters.minVolume24hUsd,
      max_spread: filters.maxSpread,
      min_hours_to_resolution: filters.minHoursToResolution,
      max_days_to_resolution: filters.maxDaysToResolution,
      require_order_book: filters.requireOrderBook,
      require_accepting_orders: filters.requireAcceptingOrders,
    },
    total: summary.total,
    tradable: summary.tradable,
    excluded_by: summary.excludedBy,
    top_markets: top.map((m) => ({
      market_id: m.marketId,
      question: m.question,
      category: m.category,
      liquidity_usd: m.liquidityUsd,
      volume_24h_usd: m.volume24hUsd,
      widest_spread: widestSpread(m),
      end_date: m.endDate,
    })),
    newest_update: newest ? newest.toISOString() : null,
    generated_at: src.now.toISOString(),
  };
}
