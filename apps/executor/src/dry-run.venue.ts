import type { ExecutionVenue, VenueResult } from './execution-venue';

const NOTHING_SENT: VenueResult = { status: 'DRY_RUN', orderId: null, filledSize: 0, avgPrice: null, fees: 0 };

/** Sends nothing, by construction: it has no client. The caller records the order it was given. */
export class DryRunVenue implements ExecutionVenue {
  readonly mode = 'DRY_RUN' as const;
  readonly idempotent = true;

  async submit(): Promise<VenueResult> {
    return NOTHING_SENT;
  }

  async claim(): Promise<VenueResult> {
    return NOTHING_SENT;
  }
}
