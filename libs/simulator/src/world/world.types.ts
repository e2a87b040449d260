/** Prices inside the model are integer thousandths ("mills"): every venue tick is a multiple of 0.001. */
export type Mills = number;

export interface SimTag {
  readonly id: string;
  readonly label: string;
  readonly slug: string;
}

export interface SimFeeSchedule {
  readonly rate: number;
  readonly exponent: number;
  readonly takerOnly: boolean;
  readonly rebateRate: number;
}

/** One side's sizes, best level first. Prices follow from the best price stepping one tick out. */
export interface SimBookShape {
  /** YES best bid. */
  bidMills: Mills;
  spreadTicks: number;
  bidSizes: number[];
  askSizes: number[];
}

export interface SimLevel {
  readonly priceMills: Mills;
  readonly size: number;
}

/** A token's book, best level first on both sides (the wire format reverses this). */
export interface SimTokenBook {
  readonly bids: readonly SimLevel[];
  readonly asks: readonly SimLevel[];
}

export interface SimMarket {
  readonly id: string;
  readonly conditionId: string;
  readonly questionId: string;
  readonly slug: string;
  readonly question: string;
  readonly groupItemTitle: string;
  readonly eventId: string;
  readonly negRisk: boolean;
  readonly negRiskMarketId: string | null;
  readonly outcomes: readonly [string, string];
  readonly tokenIds: readonly [string, string];
  readonly minOrderSize: number;
  readonly createdAt: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly liquidity: number;
  readonly volume: number;
  readonly volume24hr: number;
  readonly feeSchedule: SimFeeSchedule | null;
  tickMills: Mills;
  active: boolean;
  closed: boolean;
  acceptingOrders: boolean;
  umaResolutionStatus: string | null;
  winningOutcomeIndex: number | null;
  closedTime: string | null;
  lastTradeMills: Mills;
  book: SimBookShape;
}

export interface SimEvent {
  readonly id: string;
  readonly ticker: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly negRisk: boolean;
  readonly negRiskMarketId: string | null;
  readonly tags: readonly SimTag[];
  readonly createdAt: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly featured: boolean;
  readonly marketIds: string[];
  /** A frozen event never random-walks, so a scripted scenario's numbers stay true. */
  frozen: boolean;
}

/** What changed in the world, for the websocket fan-out. */
export type WorldChange =
  | { readonly kind: 'book'; readonly market: SimMarket; readonly before: readonly [SimTokenBook, SimTokenBook] }
  | { readonly kind: 'tick_size'; readonly market: SimMarket; readonly oldTickMills: Mills }
  | { readonly kind: 'resolved'; readonly market: SimMarket }
  /** A fill on the token's book: the market channel's `last_trade_price`. */
  | { readonly kind: 'trade'; readonly market: SimMarket; readonly tokenId: string; readonly priceMills: Mills; readonly size: number; readonly side: 'BUY' | 'SELL' };

export type WorldListener = (change: WorldChange) => void;
