import { Module } from '@nestjs/common';
import type { Logger } from '@polybot/observability';
import { ExecutionRepository, IntentRepository } from '@polybot/persistence';
import { BroadcastPublisher, QueueProducer } from '@polybot/queues';
import { LOGGER } from '@polybot/runtime';
import { IntentService } from './intent.service';

/** IntentService for Nest services; expects PersistenceModule and RuntimeModule in the application. */
@Module({
  providers: [
    {
      provide: IntentService,
      inject: [IntentRepository, ExecutionRepository, QueueProducer, BroadcastPublisher, LOGGER],
      useFactory: (intents: IntentRepository, executions: ExecutionRepository, queue: QueueProducer, broadcast: BroadcastPublisher, logger: Logger) =>
        new IntentService({ intents, executions, queue, broadcast, logger }),
    },
  ],
  exports: [IntentService],
})
export class IntentsModule {}
