import type { OrderRequest } from '@polybot/domain';
import type { ExecutionMode } from '@polybot/persistence';

/** What a venue did with an order. */
export interface VenueResult {
  readonly status: string;
  readonly orderId: string | null;
  readonly filledSize: number;
  readonly avgPrice: number | null;
  readonly fees: number;
}

/**
 * The one seam between the executor and the outside world: dry-run, paper and live differ only
 * here, so every mode runs the same execution code path.
 */
export interface ExecutionVenue {
  readonly mode: ExecutionMode;
  submit(order: OrderRequest): Promise<VenueResult>;
}

export const EXECUTION_VENUE = Symbol('polybot.execution-venue');
