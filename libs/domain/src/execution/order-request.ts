import type { Intent } from '../intent/intent.types';
import { floorShares, roundToTick } from '../sizing/round-to-tick';

export const ORDER_TYPES = ['GTC', 'GTD', 'FOK', 'FAK'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** GTC and GTD rest on the book until filled, cancelled or expired; FOK and FAK match at once or are killed. */
export function mayRest(orderType: OrderType): boolean {
  return orderType === 'GTC' || orderType === 'GTD';
}

/** The market facts an order must respect, as last seen by the ingestor. */
export interface OrderMarketTerms {
  readonly tickSize: number;
  readonly minOrderSize: number;
  readonly negRisk: boolean;
}

/** Exactly what would be sent to the venue for an intent: recorded in dry-run, signed and posted live. */
export interface OrderRequest {
  /** Derived from the intent, so a retried or restarted execution is recognisably the same order. */
  readonly clientOrderId: string;
  readonly intentId: string;
  readonly tokenId: string;
  readonly side: 'BUY' | 'SELL';
  /** Limit price on the market's tick grid. */
  readonly price: number;
  /** Shares, floored to the venue's 0.01 precision. */
  readonly size: number;
  /** price x size: what the order commits. */
  readonly notionalUsd: number;
  readonly orderType: OrderType;
  readonly tickSize: number;
  readonly negRisk: boolean;
}

export class OrderRequestError extends Error {
  constructor(intentId: string, why: string) {
    super(`cannot build an order for intent ${intentId}: ${why}`);
    this.name = 'OrderRequestError';
  }
}

/**
 * Builds the limit order for an intent: BUY prices round up and SELL prices round down to the tick
 * (never a worse price than the one approved by more than a tick's rounding, and always on the
 * grid), size in shares from the intent's dollars, or exactly `shares` when given (a close sells
 * the shares held, not dollars divided by a price).
 */
export function buildOrderRequest(intent: Intent, terms: OrderMarketTerms, orderType: OrderType, shares?: number): OrderRequest {
  if (!(terms.tickSize > 0 && terms.tickSize < 1)) throw new OrderRequestError(intent.id, `tick size ${terms.tickSize} is not in (0, 1)`);
  const price = roundToTick(intent.price, terms.tickSize, intent.side === 'BUY' ? 'up' : 'down');
  if (!(price >= terms.tickSize && price <= 1 - terms.tickSize)) {
    throw new OrderRequestError(intent.id, `price ${price} is outside [${terms.tickSize}, ${1 - terms.tickSize}]`);
  }
  const size = floorShares(shares ?? intent.sizeUsd / price);
  if (!(size > 0) || size < terms.minOrderSize) {
    throw new OrderRequestError(intent.id, `size ${size} shares is below the market minimum of ${terms.minOrderSize}`);
  }
  return {
    clientOrderId: `polybot-${intent.id}`,
    intentId: intent.id,
    tokenId: intent.tokenId,
    side: intent.side,
    price,
    size,
    notionalUsd: Number((price * size).toFixed(6)),
    orderType,
    tickSize: terms.tickSize,
    negRisk: terms.negRisk,
  };
}
