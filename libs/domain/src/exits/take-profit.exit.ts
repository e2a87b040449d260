import type { ExitRuleCheck } from './exit-decision';
import { formatSetting, pnlPctAt, sellableQuote } from './exit-quote';

/** Sells once the gain at the best bid reaches the target: `Take-profit: PnL 12.5% >= target 10%`. */
export const takeProfitExit: ExitRuleCheck = (position, market, { settings }) => {
  const sellable = sellableQuote(position, market);
  if (sellable === null) return null;
  const pnlPct = pnlPctAt(position, sellable.bid);
  if (pnlPct === null || pnlPct < settings.takeProfitPct) return null;
  return {
    rule: 'TAKE_PROFIT',
    reason: `Take-profit: PnL ${pnlPct.toFixed(1)}% >= target ${formatSetting(settings.takeProfitPct)}%`,
    price: sellable.bid,
    shares: position.shares,
  };
};
