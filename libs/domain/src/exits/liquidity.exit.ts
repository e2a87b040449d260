import type { ExitRuleCheck } from './exit-decision';
import { formatSetting, sellableQuote } from './exit-quote';

/**
 * Sells while there is still a bid when the spread has widened to a multiple of its normal width:
 * `Liquidity exit: spread 0.150 is 3.8x its normal 0.040 (limit 3x)`. Needs a two-sided book and a
 * known normal spread; without either there is nothing to compare.
 */
export const liquidityExit: ExitRuleCheck = (position, market, { settings, normalSpread }) => {
  const sellable = sellableQuote(position, market);
  const spread = sellable?.quote.spread ?? null;
  if (sellable === null || spread === null || normalSpread === null || !(normalSpread > 0)) return null;
  const multiple = Number((spread / normalSpread).toFixed(9));
  if (multiple < settings.maxSpreadMultiplier) return null;
  return {
    rule: 'LIQUIDITY_EXIT',
    reason: `Liquidity exit: spread ${spread.toFixed(3)} is ${multiple.toFixed(1)}x its normal ${normalSpread.toFixed(3)} (limit ${formatSetting(settings.maxSpreadMultiplier)}x)`,
    price: sellable.bid,
    shares: position.shares,
  };
};
