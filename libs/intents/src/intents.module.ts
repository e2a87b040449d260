import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { AccountSnapshotRepository, ExecutionRepository, IntentRepository, KillSwitchRepository } from '@polybot/persistence';
import { BroadcastPublisher, QueueProducer } from '@polybot/queues';
import { CLOCK, LOGGER, SETTINGS, type Clock, METRICS } from '@polybot/runtime';
import { IntentGate, PortfolioModule } from '@polybot/portfolio';
import { IntentService } from './intent.service';
import { KillSwitchService } from './kill-switch.service';
import { ServicesModeReader } from './services-mode';

/** IntentService and KillSwitchService for Nest services; expects PersistenceModule and RuntimeModule in the application. */
@Module({
  imports: [PortfolioModule],
  providers: [
    {
      provide: IntentService,
      inject: [IntentRepository, ExecutionRepository, QueueProducer, BroadcastPublisher, LOGGER, IntentGate, METRICS, AccountSnapshotRepository, SETTINGS],
      useFactory: (
        intents: IntentRepository,
        executions: ExecutionRepository,
        queue: QueueProducer,
        broadcast: BroadcastPublisher,
        logger: Logger,
        gate: IntentGate,
        metrics: PolybotMetrics,
        accounts: AccountSnapshotRepository,
        settings: Settings,
      ) => new IntentService({ intents, executions, queue, broadcast, logger, gate, metrics, servicesMode: new ServicesModeReader(accounts, settings) }),
    },
    {
      provide: KillSwitchService,
      inject: [KillSwitchRepository, SETTINGS, BroadcastPublisher, LOGGER, CLOCK],
      useFactory: (killSwitches: KillSwitchRepository, settings: Settings, broadcast: BroadcastPublisher, logger: Logger, clock: Clock) =>
        new KillSwitchService({ killSwitches, settings, broadcast, logger, now: () => new Date(clock()) }),
    },
  ],
  exports: [IntentService, KillSwitchService, PortfolioModule],
})
export class IntentsModule {}
