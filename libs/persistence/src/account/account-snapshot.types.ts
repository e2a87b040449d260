/** What we knew about the account at one moment; `unavailable` names what could not be fetched. */
export interface NewAccountSnapshot {
  readonly takenAt: Date;
  readonly mode: string;
  readonly bankroll: number | null;
  readonly cash: number | null;
  readonly equity: number | null;
  readonly positions: unknown;
  readonly openOrders: unknown;
  readonly balances: unknown;
  readonly unavailable: readonly string[];
}

export interface AccountSnapshot extends NewAccountSnapshot {
  readonly id: number;
}
