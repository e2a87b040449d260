import type { Intent, MarketSnapshot, OrderRequest, Position } from '@polybot/domain';
import type { ExecutionMode } from '@polybot/persistence';

/** What a venue did with an order or a claim. */
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
  /** True when submitting the same intent twice has the effect of submitting it once (so a crashed execution may simply be resumed). */
  readonly idempotent: boolean;
  /**
   * For a non-idempotent venue that can resume safely: true when it may already have sent something
   * for this intent (so a resumed execution must reconcile with the venue, not fail or skip it).
   */
  inFlight?(intentId: string): Promise<boolean>;
  submit(order: OrderRequest, context: { readonly intent: Intent; readonly market: MarketSnapshot }): Promise<VenueResult>;
  /** Redeems a resolved position (a CLAIM_SETTLEMENT intent). */
  claim(intent: Intent, position: Position): Promise<VenueResult>;
}

export const EXECUTION_VENUE = Symbol('polybot.execution-venue');
