import { InitialSchema1764230000000 } from './1764230000000-initial-schema.migration';
import { Fills1764240000000 } from './1764240000000-fills.migration';
import { SignedOrders1764250000000 } from './1764250000000-signed-orders.migration';
import { SignedOrderFence1764260000000 } from './1764260000000-signed-order-fence.migration';
import { SignedOrderClaimToken1764270000000 } from './1764270000000-signed-order-claim-token.migration';

/** Imported, not globbed from disk, so the same list works from source (jest) and from dist/. */
export const MIGRATIONS = [InitialSchema1764230000000, Fills1764240000000, SignedOrders1764250000000, SignedOrderFence1764260000000, SignedOrderClaimToken1764270000000];
