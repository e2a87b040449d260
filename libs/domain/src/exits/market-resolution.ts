/** What a resolved market pays per share of each outcome token. */
export interface TokenPayout {
  readonly tokenId: string;
  readonly outcome: string;
  /** 1 for the winner, 0 for the loser, 0.5 each on a split. */
  readonly payoutPerShare: number;
}

export interface MarketResolution {
  readonly marketId: string;
  /** The winning token; null on a 50/50 split. */
  readonly winner: { readonly tokenId: string; readonly outcome: string } | null;
  readonly split: boolean;
  readonly payouts: readonly TokenPayout[];
}

/**
 * The resolution facts Gamma gives for a market. A MarketSnapshot carrying `umaResolutionStatus` and
 * `outcomePrices` fits: its tokens are in the venue's outcome order, as the prices are.
 */
export interface ResolutionInput {
  readonly marketId: string;
  readonly closed: boolean;
  readonly umaResolutionStatus?: string | null;
  /** Gamma's outcomePrices: an array, or the JSON-in-a-string Gamma sends (`"[\"1\", \"0\"]"`). */
  readonly outcomePrices?: readonly (string | number)[] | string | null;
  readonly tokens: readonly { readonly tokenId: string; readonly outcome: string }[];
}

export class ResolutionError extends Error {
  constructor(marketId: string, why: string) {
    super(`cannot read the resolution of market ${marketId}: ${why}`);
    this.name = 'ResolutionError';
  }
}
