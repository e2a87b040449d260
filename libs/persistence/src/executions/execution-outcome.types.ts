export const EXECUTION_MODES = ['DRY_RUN', 'PAPER', 'LIVE'] as const;
export type ExecutionMode = (typeof EXECUTION_MODES)[number];

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
