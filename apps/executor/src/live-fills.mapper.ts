import { categoryOf, takerFee, type Fill, type Intent, type MarketSnapshot, type OrderRequest } from '@polybot/domain';
import type { VenueTrade } from '@polybot/polymarket';

/** Our part of one venue trade: as taker the trade's size, as maker what our resting order matched. */
interface OurPart {
  readonly shares: number;
  readonly price: number;
  readonly role: 'TAKER' | 'MAKER';
}

function ourPart(trade: VenueTrade, orderId: string): OurPart | null {
  if (trade.takerOrderId === orderId) return { shares: trade.size, price: trade.price, role: 'TAKER' };
  const maker = trade.makerOrders.find((m) => m.orderId === orderId);
  return maker ? { shares: maker.matchedAmount, price: maker.price, role: 'MAKER' } : null;
}

/** Our parts of these trades: each trade once, none of a failed one (it never settled), none where we matched nothing. */
function* ourSettledParts(trades: readonly VenueTrade[], orderId: string): Generator<{ trade: VenueTrade; part: OurPart }> {
  const seen = new Set<string>();
  for (const trade of trades) {
    if (seen.has(trade.id) || trade.status.toUpperCase() === 'FAILED') continue;
    const part = ourPart(trade, orderId);
    if (!part || !(part.shares > 0)) continue;
    seen.add(trade.id);
    yield { trade, part };
  }
}

/** Shares the order has matched in these trades (each trade once; failed ones never settled). */
export function matchedShares(trades: readonly VenueTrade[], orderId: string): number {
  let shares = 0;
  for (const { part } of ourSettledParts(trades, orderId)) shares += part.shares;
  return shares;
}

/**
 * The LIVE fills of one order, one per trade it took part in (a partial fill is simply fewer
 * shares), each with the market's fee for our liquidity role. Failed trades never settled: none.
 */
export function liveFillsOf(
  trades: readonly VenueTrade[],
  orderId: string,
  order: OrderRequest,
  intent: Intent,
  market: MarketSnapshot,
  now: Date,
): Fill[] {
  const fills: Fill[] = [];
  for (const { trade, part } of ourSettledParts(trades, orderId)) {
    const seconds = Number(trade.matchTime);
    fills.push({
      intentId: intent.id,
      kind: 'TRADE',
      tokenId: order.tokenId,
      marketId: market.marketId,
      conditionId: market.conditionId,
      outcome: intent.outcome,
      category: categoryOf(market),
      side: order.side,
      price: part.price,
      shares: part.shares,
      feeUsd: takerFee(part.shares, part.price, market.feeSchedule, part.role),
      at: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : now,
    });
  }
  return fills;
}

/** Filled size, size-weighted average price and fees of an order's fills. */
export function summarizeFills(fills: readonly Fill[]): { filledSize: number; avgPrice: number | null; fees: number } {
  const shares = fills.reduce((sum, f) => sum + f.shares, 0);
  const notional = fills.reduce((sum, f) => sum + f.shares * f.price, 0);
  return {
    filledSize: Number(shares.toFixed(6)),
    avgPrice: shares > 0 ? Number((notional / shares).toFixed(6)) : null,
    fees: Number(fills.reduce((sum, f) => sum + f.feeUsd, 0).toFixed(5)),
  };
}
