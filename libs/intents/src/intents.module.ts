import { Module } from '@nestjs/common';
import type { Logger } from '@polybot/observability';
import { ExecutionRepository, IntentRepository } from '@polybot/persistence';
import { BroadcastPublisher, QueueProducer } from '@polybot/queues';
import { LOGGER } from '@polybot/runtime';
import { IntentGate, PortfolioModule } from '@polybot/portfolio';
import { IntentService } from './intent.service';

/** IntentService for Nest services; expects PersistenceModule and RuntimeModule in the application. */
@Module({
  imports: [PortfolioModule],
  providers: [
    {
      provide: IntentService,
      inject: [IntentRepository, ExecutionRepository, QueueProducer, BroadcastPublisher, LOGGER, IntentGate],
      useFactory: (
        intents: IntentRepository,
        executions: ExecutionRepository,
        queue: QueueProducer,
        broadcast: BroadcastPublisher,
        logger: Logger,
        gate: IntentGate,
      ) => new IntentService({ intents, executions, queue, broadcast, logger, gate }),
    },
  ],
  exports: [IntentService],
})
export class IntentsModule {}
