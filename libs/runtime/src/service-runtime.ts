import type { Settings } from '@polybot/config';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { BroadcastPublisher, QueueProducer, type QueueConnectionConfig } from '@polybot/queues';

/** The I/O handles one service process shares between its parts. */
export interface ServiceRuntime {
  readonly service: string;
  readonly settings: Settings;
  readonly logger: Logger;
  readonly metrics: PolybotMetrics;
  readonly queueConnection: QueueConnectionConfig;
  readonly queue: QueueProducer;
  readonly broadcast: BroadcastPublisher;
  close(): Promise<void>;
}

export function queueConnectionFrom(settings: Settings): QueueConnectionConfig {
  return { redisUrl: settings.redisUrl, prefix: settings.queuePrefix };
}

export interface QueueHandles {
  readonly queueConnection: QueueConnectionConfig;
  readonly queue: QueueProducer;
  readonly broadcast: BroadcastPublisher;
  close(): Promise<void>;
}

/**
 * A person waiting on an approval or a status gets an answer within seconds even with Redis down
 * (the default); a pipeline service passes a longer `commandTimeoutMs`, since a busy event loop can
 * read Redis's reply late and a cycle's batches are worth waiting for.
 */
export function createQueueHandles(settings: Settings, logger: Logger, opts: { commandTimeoutMs?: number } = {}): QueueHandles {
  const queueConnection = queueConnectionFrom(settings);
  const queue = new QueueProducer({ ...queueConnection, commandTimeoutMs: opts.commandTimeoutMs });
  const broadcast = new BroadcastPublisher(settings.redisUrl, (event, error) =>
    logger.warn({ event, err: error }, 'Broadcast not delivered (state is in Postgres; listeners re-read it)'),
  );
  return {
    queueConnection,
    queue,
    broadcast,
    close: async () => {
      await Promise.allSettled([queue.close(), broadcast.close()]);
    },
  };
}
