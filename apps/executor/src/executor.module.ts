import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { startExecutorCounters, type Logger, type PolybotMetrics } from '@polybot/observability';
import { ExecutionRepository, FillRepository, MarketRepository, SignedOrderRepository, VenueCallRepository } from '@polybot/persistence';
import { createMarketDataStack } from '@polybot/polymarket';
import { PortfolioModule } from '@polybot/portfolio';
import { CLOCK, LOGGER, METRICS, SETTINGS, marketDataConfigFrom, type Clock } from '@polybot/runtime';
import { ApprovedIntentReconciler } from './approved-intent.reconciler';
import { ExecuteIntentService } from './execute-intent.service';
import { EXECUTION_VENUE, type ExecutionVenue } from './execution-venue';
import { ExecutorWorker } from './executor.worker';
import { buildLiveVenue } from './live-venue.builder';
import { createExecutionVenue } from './venue.factory';

@Module({
  imports: [PortfolioModule],
  providers: [
    {
      provide: EXECUTION_VENUE,
      inject: [SETTINGS, FillRepository, VenueCallRepository, ExecutionRepository, SignedOrderRepository, MarketRepository, LOGGER, CLOCK],
      useFactory: (
        settings: Settings,
        fills: FillRepository,
        venueCalls: VenueCallRepository,
        executions: ExecutionRepository,
        signedOrders: SignedOrderRepository,
        markets: MarketRepository,
        logger: Logger,
        clock: Clock,
      ) => {
        // The executor's venue calls count toward the API-error kill switch like the ingestor's.
        const recorder = { record: (call: { endpoint: string; ok: boolean }) => void venueCalls.record(call.endpoint, call.ok, new Date(clock())).catch(() => undefined) };
        const { books } = createMarketDataStack(marketDataConfigFrom(settings, recorder));
        const live = () => buildLiveVenue(settings, { books, fills, executions, signedOrders, markets, recorder, logger, clock });
        return createExecutionVenue(settings, { books, fills, clock, live });
      },
    },
    ExecuteIntentService,
    ApprovedIntentReconciler,
    ExecutorWorker,
  ],
})
export class ExecutorModule implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(EXECUTION_VENUE) private readonly venue: ExecutionVenue,
  ) {}

  /** The counters the alerts take increase() of exist at 0 from the start, so their first count after it pages. */
  onModuleInit(): void {
    startExecutorCounters(this.metrics, this.venue.mode);
  }
}
