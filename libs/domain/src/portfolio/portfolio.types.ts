import type { Side } from '../market/market.types';

/** A holding of one outcome token (paper ledger or, live, the venue's positions). Long only: shares > 0. */
export interface Position {
  readonly tokenId: string;
  readonly marketId: string;
  readonly conditionId: string;
  readonly outcome: string;
  /** From the market's tags or event; exposure per category is limited. */
  readonly category: string | null;
  readonly shares: number;
  /** Average price paid per share, fees excluded. */
  readonly avgPrice: number;
  /** shares x avgPrice. */
  readonly costBasisUsd: number;
  /** Realized P&L of the part already sold or settled. */
  readonly realizedPnlUsd: number;
  /**
   * Buy fees paid on the shares still held, not yet in realized P&L: a sale realizes its pro-rata
   * share. Absent means 0 (positions read from the venue carry no fee history).
   */
  readonly openFeesUsd?: number;
  readonly openedAt: Date;
}

/** One execution against a book, or a settlement payout (price 1 or 0 per share). */
export interface Fill {
  readonly intentId: string;
  readonly kind: 'TRADE' | 'SETTLEMENT';
  readonly tokenId: string;
  readonly marketId: string;
  readonly conditionId: string;
  readonly outcome: string;
  readonly category: string | null;
  readonly side: Side;
  readonly price: number;
  readonly shares: number;
  readonly feeUsd: number;
  readonly at: Date;
}

/** Cash and positions, built by folding fills over a starting bankroll. */
export interface Ledger {
  readonly startingCash: number;
  readonly cash: number;
  readonly positions: readonly Position[];
  readonly realizedPnlUsd: number;
  readonly feesUsd: number;
}

/** A position valued at a mark (the best bid: what it could be sold for now). */
export interface MarkedPosition extends Position {
  readonly markPrice: number | null;
  readonly marketValueUsd: number;
  readonly unrealizedPnlUsd: number;
  /** unrealized P&L over cost basis, in percent (12.5 = 12.5%). */
  readonly pnlPct: number;
}

/** Dollars committed: open positions at cost plus open intents, in total and per market and category. */
export interface Exposure {
  readonly totalUsd: number;
  readonly byMarket: Readonly<Record<string, number>>;
  readonly byCategory: Readonly<Record<string, number>>;
}

/** One point of the equity curve; DRAWDOWN and DAILY_LOSS read it. */
export interface EquityPoint {
  readonly at: Date;
  readonly equity: number;
}
