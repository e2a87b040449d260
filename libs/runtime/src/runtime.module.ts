import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BroadcastPublisher, QueueProducer } from '@polybot/queues';
import { QueueWorkers } from './queue-workers';
import { CLOCK, LOGGER, METRICS, QUEUE_CONNECTION, SERVICE_RUNTIME, SETTINGS } from './runtime.tokens';
import type { ServiceRuntime } from './service-runtime';

/** Makes a service's runtime handles injectable everywhere in that service, and closes them last. */
@Global()
@Module({})
export class RuntimeModule implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  static forRoot(runtime: ServiceRuntime): DynamicModule {
    const values = [
      { provide: SERVICE_RUNTIME, useValue: runtime },
      { provide: SETTINGS, useValue: runtime.settings },
      { provide: LOGGER, useValue: runtime.logger },
      { provide: METRICS, useValue: runtime.metrics },
      { provide: CLOCK, useValue: () => Date.now() },
      { provide: QUEUE_CONNECTION, useValue: runtime.queueConnection },
      { provide: QueueProducer, useValue: runtime.queue },
      { provide: BroadcastPublisher, useValue: runtime.broadcast },
    ];
    return {
      module: RuntimeModule,
      global: true,
      providers: [...values, QueueWorkers],
      exports: [...values.map((p) => p.provide), QueueWorkers],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
