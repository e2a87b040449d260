import type { Position } from '../portfolio/portfolio.types';
import { usd } from '../risk/risk-format';
import { ResolutionError, type MarketResolution, type ResolutionInput } from './market-resolution';

function parsePrices(input: ResolutionInput): number[] {
  let raw: unknown = input.outcomePrices;
  if (raw === undefined || raw === null) throw new ResolutionError(input.marketId, 'it is resolved but carries no outcomePrices');
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new ResolutionError(input.marketId, `outcomePrices is not JSON: ${JSON.stringify(input.outcomePrices)}`);
    }
  }
  if (!Array.isArray(raw)) throw new ResolutionError(input.marketId, `outcomePrices is not a list: ${JSON.stringify(input.outcomePrices)}`);
  return raw.map((price: unknown) => (typeof price === 'number' || typeof price === 'string' ? Number(price) : Number.NaN));
}

/**
 * The resolution of a market, or null while it is not resolved: Gamma marks a resolved market
 * `closed` with `umaResolutionStatus` "resolved" and outcomePrices ["1","0"] or ["0","1"]; ["0.5","0.5"]
 * is a split where each token pays 0.5. A market that says it is resolved with any other prices
 * (["0","0"], 0.58/0.42) is an error naming it: we never guess a payout.
 */
export function resolutionOf(input: ResolutionInput): MarketResolution | null {
  if (!input.closed || input.umaResolutionStatus !== 'resolved') return null;
  const prices = parsePrices(input);
  if (prices.length !== input.tokens.length || prices.length !== 2) {
    throw new ResolutionError(input.marketId, `expected 2 outcome prices for 2 tokens, got ${prices.length} prices for ${input.tokens.length} tokens`);
  }
  const payouts = input.tokens.map((token, index) => ({ tokenId: token.tokenId, outcome: token.outcome, payoutPerShare: prices[index] ?? Number.NaN }));
  const split = prices.every((price) => price === 0.5);
  const winners = payouts.filter((payout) => payout.payoutPerShare === 1);
  const losers = payouts.filter((payout) => payout.payoutPerShare === 0);
  if (!split && !(winners.length === 1 && losers.length === 1)) {
    throw new ResolutionError(input.marketId, `outcome prices ${JSON.stringify(prices)} are neither a win ([1, 0] / [0, 1]) nor a split ([0.5, 0.5])`);
  }
  const winner = split ? null : winners[0];
  return { marketId: input.marketId, winner: winner ? { tokenId: winner.tokenId, outcome: winner.outcome } : null, split, payouts };
}

/** What a CLAIM_SETTLEMENT intent will hold, before it has an id or a status. */
export interface ClaimSettlementDraft {
  readonly type: 'CLAIM_SETTLEMENT';
  readonly marketId: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  /** Redeeming gives the shares up for USDC. */
  readonly side: 'SELL';
  /** Payout per share: 1, or 0.5 on a split. */
  readonly price: number;
  readonly shares: number;
  /** shares x payout: the USDC the claim brings in. */
  readonly sizeUsd: number;
  readonly reason: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** The payout per share of a held token, naming both when the token is not in the resolved market. */
export function payoutPerShareOf(resolution: MarketResolution, tokenId: string): number {
  const payout = resolution.payouts.find((candidate) => candidate.tokenId === tokenId);
  if (payout === undefined) throw new ResolutionError(resolution.marketId, `token ${tokenId} is not one of its outcomes`);
  return payout.payoutPerShare;
}

/**
 * A claim for a held winning (or split) position, or null for a losing one: there is nothing to
 * claim, and the ledger writes it off through a settlement fill at price 0.
 */
export function claimDraft(position: Position, resolution: MarketResolution, now: number, expirySeconds: number): ClaimSettlementDraft | null {
  if (!(Number.isFinite(expirySeconds) && expirySeconds > 0)) throw new RangeError(`claimDraft: expirySeconds must be a positive number, got ${String(expirySeconds)}`);
  const payoutPerShare = payoutPerShareOf(resolution, position.tokenId);
  if (payoutPerShare === 0 || !(position.shares > 0)) return null;
  const sizeUsd = Number((position.shares * payoutPerShare).toFixed(6));
  const how = resolution.split ? `market split, ${position.outcome} pays ${payoutPerShare.toFixed(2)} a share` : `${position.outcome} won`;
  return {
    type: 'CLAIM_SETTLEMENT',
    marketId: position.marketId,
    conditionId: position.conditionId,
    tokenId: position.tokenId,
    outcome: position.outcome,
    side: 'SELL',
    price: payoutPerShare,
    shares: position.shares,
    sizeUsd,
    reason: `Claim settlement: ${how}, ${position.shares.toFixed(2)} shares pay ${usd(sizeUsd)}`,
    createdAt: new Date(now),
    expiresAt: new Date(now + expirySeconds * 1000),
  };
}
