import type { MarketSnapshot } from '../market/market.types';

/** The bucket for markets with neither a category nor a tag. */
export const UNCATEGORIZED = 'uncategorized';

/**
 * The category a market's exposure counts against: its category, else its first tag, else
 * 'uncategorized'. Blank strings count as missing. Whoever builds Exposure.byCategory must use
 * this same function, or the per-category limit reads the wrong bucket.
 */
export function categoryOf(market: Pick<MarketSnapshot, 'category' | 'tags'>): string {
  const category = market.category?.trim();
  if (category) return category;
  const tag = market.tags.map((t) => t.trim()).find((t) => t.length > 0);
  return tag ?? UNCATEGORIZED;
}
