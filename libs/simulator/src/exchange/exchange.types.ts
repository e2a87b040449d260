import type { Mills } from '../world/world.types';

export type OrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';
export type OrderSide = 'BUY' | 'SELL';
/** Order states as the venue spells them on /data/orders and the user channel. */
export type OrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED' | 'EXPIRED';
export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED';

/** Every order the venue accepted; sizes in micro-shares (6 decimals), like the signed amounts. */
export interface SimOrder {
  readonly id: string;
  readonly owner: string;
  readonly makerAddress: string;
  readonly conditionId: string;
  readonly assetId: string;
  readonly outcome: string;
  readonly side: OrderSide;
  readonly priceMills: Mills;
  readonly originalMicro: number;
  matchedMicro: number;
  readonly orderType: OrderType;
  /** Unix seconds as the order carried it; '0' never expires. */
  readonly expiration: string;
  readonly createdAtSeconds: number;
  status: OrderStatus;
  readonly tradeIds: string[];
  readonly signature: string;
}

export interface SimMakerOrder {
  readonly order_id: string;
  readonly owner: string;
  readonly maker_address: string;
  readonly matched_amount: string;
  readonly price: string;
  readonly fee_rate_bps: string;
  readonly asset_id: string;
  readonly outcome: string;
  readonly side: OrderSide;
}

export interface SimTrade {
  readonly id: string;
  readonly orderId: string;
  readonly owner: string;
  readonly makerAddress: string;
  readonly conditionId: string;
  readonly assetId: string;
  readonly outcome: string;
  readonly side: OrderSide;
  readonly priceMills: Mills;
  readonly sizeMicro: number;
  /** TAKER when the order crossed on arrival; MAKER when it rested and the book came to it. */
  readonly traderSide: 'TAKER' | 'MAKER';
  readonly matchTimeSeconds: number;
  status: TradeStatus;
  lastUpdateSeconds: number;
  transactionHash: string | null;
  readonly counterparty: SimMakerOrder;
}

/** A chain transaction the simulator accepted (redeems). */
export interface SimTransaction {
  readonly hash: string;
  readonly from: string;
  readonly to: string;
  readonly method: 'redeemPositions';
  readonly conditionId: string;
  readonly negRisk: boolean;
  readonly payoutMicro: number;
  readonly blockNumber: number;
  readonly nonce: number;
  readonly receivedAt: string;
}

export type ExchangeEvent =
  | { readonly kind: 'order'; readonly type: 'PLACEMENT' | 'UPDATE' | 'CANCELLATION'; readonly order: SimOrder }
  | { readonly kind: 'trade'; readonly trade: SimTrade };
