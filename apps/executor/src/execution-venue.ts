import type { Intent, MarketSnapshot, OrderRequest, Position } from '@polybot/domain';
import type { ExecutionMode } from '@polybot/persistence';
import type { OrderPathTimer } from './order-path.timer';

/** What a venue did with an order or a claim. */
export interface VenueResult {
  readonly status: string;
  readonly orderId: string | null;
  readonly filledSize: number;
  readonly avgPrice: number | null;
  readonly fees: number;
}

export interface SubmitContext {
  readonly intent: Intent;
  readonly market: MarketSnapshot;
  /** This execution just moved the intent APPROVED -> EXECUTING: nothing can be stored for it yet. */
  readonly firstAttempt?: boolean;
  /** What prepare(intent) returned, if the venue has prepare. */
  readonly prepared?: unknown;
  /**
   * The write of the execution re-check's results, still under way: a venue awaits it before it
   * stores or sends anything (a failed write fails the intent with nothing stored or sent).
   */
  readonly checksStored?: Promise<void>;
  /** Where the venue marks its own steps (live: preflight, sign, store, post). */
  readonly timer?: OrderPathTimer;
  /**
   * Why an order stored by an interrupted execution, and not yet at the venue, must not be sent
   * now (its re-check blocks it, or it could not be read); null or absent when it may be.
   */
  readonly withhold?: string | null;
}

/**
 * The order may be at the venue, but what became of it is not known yet (a read or a write after
 * the post failed). The execution must be resumed later, never failed: failing it would forget a
 * live order or its fills.
 */
export class OrderNotSettled extends Error {
  // string, not the literal: a subclass names itself.
  override readonly name: string = 'OrderNotSettled';
}

/** A withhold refused because another delivery's claim to post the same order is too young to rule out its post: retried, not a fault. */
export class WithholdDeferred extends OrderNotSettled {
  override readonly name = 'WithholdDeferred';
}

/**
 * The venue holds nothing for this order: it refused it, or a resumed execution withheld it. The
 * only errors that may fail an execution whose order was stored: after any other, it may be at the venue.
 */
export class OrderNotPlaced extends Error {}

/**
 * The one seam between the executor and the outside world: dry-run, paper and live differ only
 * here, so every mode runs the same execution code path.
 */
export interface ExecutionVenue {
  readonly mode: ExecutionMode;
  /** True when submitting the same intent twice has the effect of submitting it once (so a crashed execution may simply be resumed). */
  readonly idempotent: boolean;
  /**
   * True when it may already have sent or recorded something for this intent, so a resumed
   * execution must reconcile with what the venue did rather than fail or skip it (the position a
   * close or claim looks for may be gone by its own fills). Required of a non-idempotent venue that
   * can resume at all.
   */
  inFlight?(intentId: string): Promise<boolean>;
  /**
   * Starts what submit will need (a connection, reads) while the executor re-checks the intent;
   * sends nothing. The result goes back to submit as `prepared`.
   */
  prepare?(intent: Intent): unknown;
  submit(order: OrderRequest, context: SubmitContext): Promise<VenueResult>;
  /**
   * Redeems a resolved position (a CLAIM_SETTLEMENT intent). `position` is null only for a resumed
   * claim this venue reported in flight: the claim's own settlement may have closed the position,
   * so the venue settles from what it sent and recorded. A venue without inFlight always gets one.
   */
  claim(intent: Intent, position: Position | null): Promise<VenueResult>;
}

export const EXECUTION_VENUE = Symbol('polybot.execution-venue');
