import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { FillRepository, VenueCallRepository } from '@polybot/persistence';
import { createMarketDataStack } from '@polybot/polymarket';
import { PortfolioModule } from '@polybot/portfolio';
import { CLOCK, SETTINGS, marketDataConfigFrom, type Clock } from '@polybot/runtime';
import { ApprovedIntentReconciler } from './approved-intent.reconciler';
import { ExecuteIntentService } from './execute-intent.service';
import { EXECUTION_VENUE } from './execution-venue';
import { ExecutorWorker } from './executor.worker';
import { createExecutionVenue } from './venue.factory';

@Module({
  imports: [PortfolioModule],
  providers: [
    {
      provide: EXECUTION_VENUE,
      inject: [SETTINGS, FillRepository, VenueCallRepository, CLOCK],
      useFactory: (settings: Settings, fills: FillRepository, venueCalls: VenueCallRepository, clock: Clock) => {
        // The executor's venue calls count toward the API-error kill switch like the ingestor's.
        const recorder = { record: (call: { endpoint: string; ok: boolean }) => void venueCalls.record(call.endpoint, call.ok, new Date(clock())).catch(() => undefined) };
        const { books } = createMarketDataStack(marketDataConfigFrom(settings, recorder));
        return createExecutionVenue(settings, { books, fills, clock });
      },
    },
    ExecuteIntentService,
    ApprovedIntentReconciler,
    ExecutorWorker,
  ],
})
export class ExecutorModule {}
