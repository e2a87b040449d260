import type { OrderRequest } from '../execution/order-request';
import { takerFee } from '../fees/taker-fee';
import type { FeeSchedule, OrderBook, PriceLevel } from '../market/market.types';

/** Shares taken at one price level, with the fee charged on them. */
export interface PaperFillLevel {
  readonly price: number;
  readonly shares: number;
  readonly feeUsd: number;
}

export type PaperFillStatus = 'FILLED' | 'PARTIAL' | 'UNFILLED';

/** What an order would have got had it crossed the book at this moment. */
export interface PaperFillResult {
  readonly levels: readonly PaperFillLevel[];
  readonly filledShares: number;
  /** Volume-weighted price of the filled shares; null when nothing filled. */
  readonly avgPrice: number | null;
  readonly notionalUsd: number;
  /** Sum of the per-level fees (the venue charges each match separately). */
  readonly feeUsd: number;
  readonly unfilledShares: number;
  readonly status: PaperFillStatus;
}

export class PaperFillError extends Error {
  constructor(order: OrderRequest, why: string) {
    super(`cannot simulate order ${order.clientOrderId} on token ${order.tokenId}: ${why}`);
    this.name = 'PaperFillError';
  }
}

/** Prices carry at most 6 decimals (tick 0.001 and finer), so micro-dollars x centi-shares stay exact integers. */
const PRICE_SCALE = 1e6;
const SHARE_SCALE = 100;
const FEE_SCALE = 1e5;

/** Shares in hundredths, floored: the venue's 0.01 share precision; the epsilon keeps 0.29 x 100 from becoming 28. */
function centiShares(shares: number): number {
  return Math.floor(shares * SHARE_SCALE + 1e-6);
}

function withinLimit(order: OrderRequest, level: PriceLevel): boolean {
  // Slack for float noise on a price that sits exactly on the limit.
  return order.side === 'BUY' ? level.price <= order.price + 1e-9 : level.price >= order.price - 1e-9;
}

/**
 * Fills an order against a snapshot of the book as a taker: walks the opposite side (asks for a
 * BUY, bids for a SELL) from the best level while the price is within the limit, taking what each
 * level holds until the order is done. Shares are counted in integer hundredths so a 3-level walk
 * adds up exactly. The book is not changed: a paper fill assumes our size does not move the market
 * beyond what the levels show.
 */
export function simulateFill(order: OrderRequest, book: OrderBook, fees: FeeSchedule | null): PaperFillResult {
  if (order.tokenId !== book.tokenId) throw new PaperFillError(order, `the book is for token ${book.tokenId}`);
  if (!(Number.isFinite(order.size) && order.size > 0)) throw new PaperFillError(order, `size ${String(order.size)} is not a positive number of shares`);
  if (!(Number.isFinite(order.price) && order.price > 0 && order.price < 1)) throw new PaperFillError(order, `limit price ${String(order.price)} is not in (0, 1)`);

  const wanted = centiShares(order.size);
  if (wanted === 0) throw new PaperFillError(order, `size ${order.size} is below the venue's 0.01 share precision`);
  let remaining = wanted;
  let notionalMicroCents = 0;
  const levels: PaperFillLevel[] = [];
  for (const level of order.side === 'BUY' ? book.asks : book.bids) {
    if (remaining === 0 || !withinLimit(order, level)) break;
    if (!(Number.isFinite(level.price) && level.price > 0 && level.price < 1)) throw new PaperFillError(order, `book level price ${String(level.price)} is not in (0, 1)`);
    const taken = Math.min(centiShares(level.size), remaining);
    if (taken <= 0) continue;
    remaining -= taken;
    notionalMicroCents += Math.round(level.price * PRICE_SCALE) * taken;
    const shares = taken / SHARE_SCALE;
    levels.push({ price: level.price, shares, feeUsd: takerFee(shares, level.price, fees) });
  }

  const filled = wanted - remaining;
  const notionalUsd = notionalMicroCents / (PRICE_SCALE * SHARE_SCALE);
  return {
    levels,
    filledShares: filled / SHARE_SCALE,
    avgPrice: filled === 0 ? null : notionalMicroCents / PRICE_SCALE / filled,
    notionalUsd,
    // Each level's fee is already on the 5-decimal grid; rounding the sum removes float noise only.
    feeUsd: Math.round(levels.reduce((sum, level) => sum + level.feeUsd, 0) * FEE_SCALE) / FEE_SCALE,
    unfilledShares: remaining / SHARE_SCALE,
    status: remaining === 0 ? 'FILLED' : filled > 0 ? 'PARTIAL' : 'UNFILLED',
  };
}
