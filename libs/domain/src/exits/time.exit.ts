import type { ExitRuleCheck } from './exit-decision';
import { formatSetting, sellableQuote } from './exit-quote';

const DAY_MS = 86_400_000;

/** `2026-12-01T00:00:00Z`: whole seconds, as a person reads an end date. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Sells ahead of resolution to avoid resolution risk: `Time exit: market ends
 * 2026-12-01T00:00:00Z, within 2 days`. A market past its end date but still trading says so. No end
 * date, no rule; an end date that does not parse is an error naming the market.
 */
export const timeExit: ExitRuleCheck = (position, market, { settings, now }) => {
  const sellable = sellableQuote(position, market);
  if (sellable === null || market.endDate === null) return null;
  const endsAt = Date.parse(market.endDate);
  if (Number.isNaN(endsAt)) throw new RangeError(`market ${market.marketId} has an end date that does not parse: ${JSON.stringify(market.endDate)}`);
  if (now < endsAt - settings.timeExitDaysBefore * DAY_MS) return null;
  const days = formatSetting(settings.timeExitDaysBefore);
  const reason =
    now < endsAt
      ? `Time exit: market ends ${isoSeconds(endsAt)}, within ${days} day${days === '1' ? '' : 's'}`
      : `Time exit: market ended ${isoSeconds(endsAt)} and is not resolved yet`;
  return { rule: 'TIME_EXIT', reason, price: sellable.bid, shares: position.shares };
};
