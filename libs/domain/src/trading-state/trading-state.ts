import type { IntentType } from '../intent/intent.types';

export const TRADING_STATES = ['ACTIVE', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export interface ProceedDecision {
  readonly allowed: boolean;
  /** Why not; null when allowed. */
  readonly reason: string | null;
}

/** Any tripped kill switch halts trading until a person clears it. */
export function tradingStateFor(trippedSwitches: readonly string[]): TradingState {
  return trippedSwitches.length > 0 ? 'HALTED' : 'ACTIVE';
}

/** Intents that only take risk off the book: selling a position, claiming a settled one. */
export function isRiskReducing(type: IntentType): boolean {
  return type === 'CLOSE_POSITION' || type === 'CLAIM_SETTLEMENT';
}

/**
 * Whether an intent of this type may be proposed, approved or executed in this state. A halt
 * refuses new positions only: exits and claims must still go through, or a halt would trap the
 * very positions it is protecting. Pass the tripped switches to have the reason name them.
 */
export function mayProceed(type: IntentType, state: TradingState, trippedSwitches: readonly string[] = []): ProceedDecision {
  if (state === 'ACTIVE' || isRiskReducing(type)) return { allowed: true, reason: null };
  const which = trippedSwitches.length > 0 ? `kill switch${trippedSwitches.length === 1 ? '' : 'es'} ${trippedSwitches.join(', ')} tripped` : 'a kill switch tripped';
  return { allowed: false, reason: `trading is HALTED (${which}): ${type} refused until cleared; exits and claims still allowed` };
}
