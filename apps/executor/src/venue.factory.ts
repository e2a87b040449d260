import { placesRealOrders, type Settings } from '@polybot/config';
import type { FillRepository } from '@polybot/persistence';
import type { ClobBookClient } from '@polybot/polymarket';
import type { Clock } from '@polybot/runtime';
import { DryRunVenue } from './dry-run.venue';
import type { ExecutionVenue } from './execution-venue';
import { PaperVenue } from './paper.venue';

/**
 * Paper mode fills against the live book into the paper ledger; live mode is a dry run unless the
 * settings say, explicitly and confirmed, to place real orders. The live CLOB venue plugs in here;
 * until it exists, a start that would place real orders refuses rather than pretend.
 */
export function createExecutionVenue(settings: Settings, deps: { books: ClobBookClient; fills: FillRepository; clock: Clock }): ExecutionVenue {
  if (settings.mode === 'paper') return new PaperVenue(deps.books, deps.fills, deps.clock);
  if (placesRealOrders(settings)) {
    throw new Error('POLYBOT_DRY_RUN=false: live order placement is not available in this build; run with POLYBOT_DRY_RUN=true');
  }
  return new DryRunVenue();
}
