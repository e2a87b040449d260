import { placesRealOrders, type Settings } from '@polybot/config';
import type { FillRepository } from '@polybot/persistence';
import type { ClobBookClient } from '@polybot/polymarket';
import type { Clock } from '@polybot/runtime';
import { DryRunVenue } from './dry-run.venue';
import type { ExecutionVenue } from './execution-venue';
import { PaperVenue } from './paper.venue';

/**
 * Paper mode fills against the live book into the paper ledger; live mode is a dry run unless the
 * settings say, explicitly, to place real orders (the start itself is guarded by the live
 * confirmation in runService and the CLI). Then the live CLOB venue is built.
 */
export function createExecutionVenue(
  settings: Settings,
  deps: { books: ClobBookClient; fills: FillRepository; clock: Clock; live: () => ExecutionVenue },
): ExecutionVenue {
  if (settings.mode === 'paper') return new PaperVenue(deps.books, deps.fills, deps.clock);
  if (placesRealOrders(settings)) return deps.live();
  return new DryRunVenue();
}
