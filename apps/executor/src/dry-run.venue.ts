import type { OrderRequest } from '@polybot/domain';
import type { ExecutionVenue, VenueResult } from './execution-venue';

/** Sends nothing, by construction: it has no client. The order it was given is recorded by the caller. */
export class DryRunVenue implements ExecutionVenue {
  readonly mode = 'DRY_RUN' as const;

  async submit(_order: OrderRequest): Promise<VenueResult> {
    return { status: 'DRY_RUN', orderId: null, filledSize: 0, avgPrice: null, fees: 0 };
  }
}
