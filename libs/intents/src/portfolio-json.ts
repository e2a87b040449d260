import type { Settings } from '@polybot/config';
import type { PortfolioView } from '@polybot/portfolio';

export interface PositionJson {
  token_id: string;
  market_id: string;
  /** The market's question when its snapshot is stored, else null. */
  market: string | null;
  outcome: string;
  shares: number;
  avg_price: number;
  /** Best bid now; null when the book has none (the position is then valued at cost). */
  mark: number | null;
  market_value: number;
  cost_basis: number;
  unrealized_pnl: number;
  /** Percent of cost basis: 12.5 means +12.5%. */
  pnl_pct: number;
}

export interface ExposureJson {
  total: { usd: number; limit_usd: number };
  by_market: { market_id: string; usd: number; limit_usd: number }[];
  by_category: { category: string; usd: number; limit_usd: number }[];
}

const round = (value: number, digits = 8): number => Number(value.toFixed(digits));

/** Held positions marked at the best bid, largest market value first. */
export function positionsJson(view: Pick<PortfolioView, 'marked' | 'markets'>): PositionJson[] {
  return [...view.marked.positions]
    .sort((a, b) => b.marketValueUsd - a.marketValueUsd || a.tokenId.localeCompare(b.tokenId))
    .map((p) => ({
      token_id: p.tokenId,
      market_id: p.marketId,
      market: view.markets.get(p.marketId)?.question ?? null,
      outcome: p.outcome,
      shares: p.shares,
      avg_price: round(p.avgPrice, 6),
      mark: p.markPrice,
      market_value: p.marketValueUsd,
      cost_basis: p.costBasisUsd,
      unrealized_pnl: p.unrealizedPnlUsd,
      pnl_pct: round(p.pnlPct, 2),
    }));
}

/**
 * Dollars committed (positions at cost plus open OPEN_POSITION intents) against the limits the
 * risk checks apply: total and category as a percent of the bankroll, market as a flat notional.
 */
export function exposureJson(view: Pick<PortfolioView, 'exposure' | 'bankroll'>, settings: Settings): ExposureJson {
  const byDollars = <K extends string>(key: K) => (a: { usd: number } & Record<K, string>, b: { usd: number } & Record<K, string>) =>
    b.usd - a.usd || a[key].localeCompare(b[key]);
  const categoryLimit = round((view.bankroll * settings.maxCategoryExposurePct) / 100);
  return {
    total: { usd: view.exposure.totalUsd, limit_usd: round((view.bankroll * settings.maxTotalExposurePct) / 100) },
    by_market: Object.entries(view.exposure.byMarket)
      .map(([market_id, usd]) => ({ market_id, usd, limit_usd: settings.maxNotionalPerMarket }))
      .sort(byDollars('market_id')),
    by_category: Object.entries(view.exposure.byCategory)
      .map(([category, usd]) => ({ category, usd, limit_usd: categoryLimit }))
      .sort(byDollars('category')),
  };
}
