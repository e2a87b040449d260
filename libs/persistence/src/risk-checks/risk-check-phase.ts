export const RISK_CHECK_PHASES = ['PROPOSAL', 'APPROVAL', 'EXECUTION'] as const;
/** When a check ran: when the intent was proposed, when a person approved it, right before the order. */
export type RiskCheckPhase = (typeof RISK_CHECK_PHASES)[number];
