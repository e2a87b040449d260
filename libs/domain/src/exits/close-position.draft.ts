import type { Position } from '../portfolio/portfolio.types';
import type { ExitDecision, ExitRule } from './exit-decision';

/** What a CLOSE_POSITION intent will hold, before it has an id or a status (shaped like OpenPositionDraft). */
export interface ClosePositionDraft {
  readonly type: 'CLOSE_POSITION';
  readonly marketId: string;
  readonly conditionId: string;
  readonly tokenId: string;
  readonly outcome: string;
  readonly side: 'SELL';
  readonly price: number;
  readonly shares: number;
  /** shares x price: what the sale should bring in before fees. */
  readonly sizeUsd: number;
  readonly rule: ExitRule;
  readonly reason: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export function closePositionDraft(position: Position, decision: ExitDecision, now: number, expirySeconds: number): ClosePositionDraft {
  if (!(Number.isFinite(expirySeconds) && expirySeconds > 0)) throw new RangeError(`closePositionDraft: expirySeconds must be a positive number, got ${String(expirySeconds)}`);
  return {
    type: 'CLOSE_POSITION',
    marketId: position.marketId,
    conditionId: position.conditionId,
    tokenId: position.tokenId,
    outcome: position.outcome,
    side: 'SELL',
    price: decision.price,
    shares: decision.shares,
    sizeUsd: Number((decision.shares * decision.price).toFixed(6)),
    rule: decision.rule,
    reason: decision.reason,
    createdAt: new Date(now),
    expiresAt: new Date(now + expirySeconds * 1000),
  };
}
