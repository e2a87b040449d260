import type { OrderType } from '@polybot/domain';

export type SignatureType = 0 | 1 | 2 | 3;

export interface ClobCredentials {
  readonly key: string;
  readonly secret: string;
  readonly passphrase: string;
}

/**
 * A signed V2 order exactly as it will be posted. `orderHash` is the EIP-712 hash of the signed
 * struct: the venue's order id, so a stored signed order can be found at the venue again.
 */
export interface SignedClobOrder {
  readonly salt: string;
  readonly maker: string;
  readonly signer: string;
  readonly taker: string;
  readonly tokenId: string;
  readonly makerAmount: string;
  readonly takerAmount: string;
  readonly side: 'BUY' | 'SELL';
  readonly signatureType: number;
  readonly timestamp: string;
  readonly expiration: string;
  readonly metadata: string;
  readonly builder: string;
  readonly signature: string;
  readonly orderHash: string;
  readonly orderType: OrderType;
  readonly negRisk: boolean;
}

/** The venue's answer to POST /order. */
export interface PostOrderAnswer {
  readonly success: boolean;
  readonly orderId: string | null;
  readonly status: string;
  readonly errorMsg: string;
  readonly tradeIds: readonly string[];
}

/** An order as the venue reports it (GET /data/order/{id}, /data/orders). */
export interface VenueOrder {
  readonly id: string;
  readonly status: string;
  readonly tokenId: string;
  readonly side: string;
  readonly originalSize: number;
  readonly sizeMatched: number;
  readonly price: number;
}

/** One trade the account took part in (GET /data/trades). */
export interface VenueTrade {
  readonly id: string;
  readonly takerOrderId: string;
  /** The resting orders this trade matched (ours among them when we were the maker). */
  readonly makerOrders: readonly { readonly orderId: string; readonly matchedAmount: number; readonly price: number }[];
  readonly tokenId: string;
  readonly side: string;
  readonly size: number;
  readonly price: number;
  readonly feeRateBps: number;
  readonly status: string;
  readonly matchTime: string;
  readonly traderSide: string;
}

export interface BalanceAllowance {
  /** In units (pUSD dollars, or shares), already divided by 10^6. */
  readonly balance: number;
  /** Spender address -> allowance in units. */
  readonly allowances: Readonly<Record<string, number>>;
}
