import type { RiskCheckResult } from '../risk/risk-check.types';

/** What the account held at the venue when it was last read: pUSD collateral and its positions' value. */
export interface VenueFunds {
  readonly at: Date;
  readonly collateralUsd: number;
  readonly positionsValueUsd: number;
}

/** The bankroll every percentage limit and the Kelly stake are taken of, and what it rests on. */
export interface Bankroll {
  readonly usd: number;
  /** configured: POLYBOT_PAPER_BANKROLL (paper, dry run); venue: capped by the account's funds; unread: no recent reading, so nothing may be opened. */
  readonly basis: 'configured' | 'venue' | 'unread';
  /** Says what the figure is, for status and logs. */
  readonly note: string;
}

/**
 * How long the risk service's latest account snapshot stays current: it records one every cycle,
 * so 5 minutes or three cycles, whichever is longer. An older reading no longer vouches for the
 * account's funds, nor says that services are running.
 */
export function accountSnapshotMaxAgeMs(loopIntervalSeconds: number): number {
  return Math.max(5 * 60_000, 3 * loopIntervalSeconds * 1000);
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/**
 * With real orders the configured bankroll is a ceiling, never more than the account holds: left
 * at its default of 10,000 against a wallet of 300, 2 % a position would be a sixth of the real
 * money. Without a recent reading of the account nothing new may be opened (bankroll 0); exits
 * and claims do not depend on it.
 */
export function bankrollFor(configuredUsd: number, realOrders: boolean, funds: VenueFunds | null, now: Date, maxAgeMs: number): Bankroll {
  if (!realOrders) return { usd: configuredUsd, basis: 'configured', note: 'as configured by POLYBOT_PAPER_BANKROLL' };
  if (funds === null || now.getTime() - funds.at.getTime() > maxAgeMs) {
    return { usd: 0, basis: 'unread', note: `the account's funds at the venue were not read in the last ${Math.round(maxAgeMs / 1000)} s: nothing new may be opened` };
  }
  const heldUsd = Math.max(0, funds.collateralUsd) + Math.max(0, funds.positionsValueUsd);
  const bankroll = Math.min(configuredUsd, heldUsd);
  const bound = bankroll < configuredUsd ? `the account's ${usd(heldUsd)} at the venue, under POLYBOT_PAPER_BANKROLL ${usd(configuredUsd)}` : `POLYBOT_PAPER_BANKROLL ${usd(configuredUsd)}, under the account's ${usd(heldUsd)} at the venue`;
  return { usd: bankroll, basis: 'venue', note: `${bound}; read ${funds.at.toISOString()}` };
}

/** A failed BANKROLL check for a new position when the bankroll could not be established; null when it was. */
export function bankrollCheck(bankroll: Bankroll): RiskCheckResult | null {
  return bankroll.basis === 'unread' ? { name: 'BANKROLL', passed: false, value: 0, limit: 0, message: bankroll.note } : null;
}

/**
 * What a new position is sized and first checked against. A bankroll read from the account moves
 * with it (each buy costs the spread, marks move), and the approval and execution re-checks judge
 * the same size against the bankroll of their moment: a stake sized at exactly the 2 % cap would
 * fail them after the smallest dip. So it is sized 1 % under that bankroll; a configured bankroll
 * does not move and is used as it is.
 */
export function sizingBankrollUsd(bankroll: Bankroll): number {
  return bankroll.basis === 'venue' ? bankroll.usd * (1 - VENUE_BANKROLL_SIZING_MARGIN) : bankroll.usd;
}

/** How far a moving bankroll may dip between a proposal and its execution before a capped stake no longer fits. */
export const VENUE_BANKROLL_SIZING_MARGIN = 0.01;
