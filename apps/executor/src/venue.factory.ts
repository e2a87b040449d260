import { placesRealOrders, type Settings } from '@polybot/config';
import { DryRunVenue } from './dry-run.venue';
import type { ExecutionVenue } from './execution-venue';

/**
 * Dry-run unless the settings say, explicitly and confirmed, to place real orders. Paper fills and
 * the live CLOB venue plug in here; until they exist, anything but dry-run refuses to start rather
 * than pretend.
 */
export function createExecutionVenue(settings: Settings): ExecutionVenue {
  if (placesRealOrders(settings)) {
    throw new Error('POLYBOT_DRY_RUN=false: live order placement is not available in this build; run with POLYBOT_DRY_RUN=true');
  }
  return new DryRunVenue();
}
