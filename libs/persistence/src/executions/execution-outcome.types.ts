export const EXECUTION_MODES = ['DRY_RUN', 'PAPER', 'LIVE'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

/**
 * The outcomes written while an execution is under way: the signed order stored, the order
 * posted, the claim transaction sent. Every other outcome is written when the execution ended, so
 * a resumed execution finds in these whether it must reconcile with the venue or only finish.
 */
export const InFlightOutcome = { Signed: 'SIGNED', Posted: 'POSTED', ClaimSent: 'CLAIM_SENT' } as const;
export const IN_FLIGHT_OUTCOMES: ReadonlySet<string> = new Set(Object.values(InFlightOutcome));

/** What the executor did with one approved intent; `orderRequest` is the exact order it built. */
export interface ExecutionOutcome {
  readonly id: string;
  readonly intentId: string;
  readonly mode: ExecutionMode;
  readonly status: string;
  readonly orderRequest: unknown;
  readonly orderId: string | null;
  readonly filledSize: number;
  readonly avgPrice: number | null;
  readonly fees: number;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewExecutionOutcome {
  readonly intentId: string;
  readonly mode: ExecutionMode;
  readonly status: string;
  readonly orderRequest: unknown;
  readonly orderId?: string | null;
  readonly filledSize?: number;
  readonly avgPrice?: number | null;
  readonly fees?: number;
  readonly error?: string | null;
}
