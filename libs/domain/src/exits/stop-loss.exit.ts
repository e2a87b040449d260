import type { ExitRuleCheck } from './exit-decision';
import { formatSetting, pnlPctAt, sellableQuote } from './exit-quote';

/** Sells once the loss at the best bid reaches the limit: `Stop-loss: Loss 6.2% >= limit 5%`. */
export const stopLossExit: ExitRuleCheck = (position, market, { settings }) => {
  const sellable = sellableQuote(position, market);
  if (sellable === null) return null;
  const pnlPct = pnlPctAt(position, sellable.bid);
  if (pnlPct === null || -pnlPct < settings.stopLossPct) return null;
  return {
    rule: 'STOP_LOSS',
    reason: `Stop-loss: Loss ${(-pnlPct).toFixed(1)}% >= limit ${formatSetting(settings.stopLossPct)}%`,
    price: sellable.bid,
    shares: position.shares,
  };
};
