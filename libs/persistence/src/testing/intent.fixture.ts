import { randomUUID } from 'node:crypto';
import type { RiskCheckResult } from '@polybot/domain';
import type { NewIntent } from '../intents/intent-repository.types';

export const T0 = new Date('2026-01-04T20:30:00.000Z');

export function secondsAfter(base: Date, seconds: number): Date {
  return new Date(base.getTime() + seconds * 1000);
}

/** A valid BUY proposal on a fresh token, expiring 60 s after T0 unless overridden. */
export function newIntent(overrides: Partial<NewIntent> = {}): NewIntent {
  return {
    type: 'OPEN_POSITION',
    marketId: 'm-1',
    conditionId: '0xcondition',
    tokenId: `token-${randomUUID()}`,
    outcome: 'Yes',
    side: 'BUY',
    price: 0.42,
    sizeUsd: 150,
    edge: 0.065,
    modelProb: 0.485,
    marketPrice: 0.42,
    confidence: 0.8,
    reason: 'fair value 0.485 vs ask 0.42',
    strategy: 'neg-risk-consistency',
    createdAt: T0,
    expiresAt: secondsAfter(T0, 60),
    ...overrides,
  };
}

export const PASSING_CHECKS: readonly RiskCheckResult[] = [
  { name: 'MAX_POSITION_PCT', passed: true, value: 150, limit: 200, message: 'size $150.00 <= 2% of bankroll ($200.00)' },
  { name: 'MAX_TOTAL_EXPOSURE_PCT', passed: true, value: 1150, limit: 2000, message: 'exposure $1150.00 <= $2000.00' },
];
