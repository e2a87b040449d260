import { randomBytes } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import { loadSettings } from '@polybot/config';
import { createLogger, createMetrics } from '@polybot/observability';
import { PersistenceModule } from '@polybot/persistence';
import { PIPELINE_QUEUES, QueueName, withDeadline } from '@polybot/queues';
import { RuntimeModule } from '../runtime.module';
import { createQueueHandles, type ServiceRuntime } from '../service-runtime';
import { heldPayloads, type HeldJob } from './held-payloads';

export interface TestRuntime {
  readonly runtime: ServiceRuntime;
  /** Unique per call, so parallel test files never share a queue. */
  readonly queuePrefix: string;
  /** Every JSON log line the service wrote. */
  readonly logLines: string[];
  /** The log lines parsed, for asserting on fields rather than text. */
  logs(): Record<string, unknown>[];
  /** What runService puts under a service module: this runtime, then Postgres at `databaseUrl`. */
  serviceImports(databaseUrl: string, serviceModule: Type<unknown>): (DynamicModule | Type<unknown>)[];
  /** What a queue of this runtime holds, payloads as its worker would read them. */
  heldPayloads<Q extends QueueName>(name: Q): Promise<HeldJob<Q>[]>;
  /** Deletes every queue of this prefix (bounded, so a Redis outage cannot hang a test's teardown). */
  obliterateQueues(): Promise<void>;
}

/**
 * A service runtime for in-process tests: real Redis under a fresh POLYBOT_QUEUE_PREFIX, logs
 * captured in memory, settings from `env` only (never a .env file). Closing the runtime (or the
 * Nest app that owns it through RuntimeModule) closes the Redis handles.
 */
export function createTestRuntime(service: string, env: Record<string, string> = {}): TestRuntime {
  const queuePrefix = `polybot-test-${service}-${randomBytes(4).toString('hex')}`;
  const settings = loadSettings({ POLYBOT_QUEUE_PREFIX: queuePrefix, POLYBOT_LOG_LEVEL: 'info', ...env }, { envFile: false });
  const logLines: string[] = [];
  const logger = createLogger({ service, level: settings.logLevel, destination: { write: (line: string) => logLines.push(line) } });
  const handles = createQueueHandles(settings, logger);
  const runtime: ServiceRuntime = { service, settings, logger, metrics: createMetrics(service), ...handles, close: handles.close };
  return {
    runtime,
    queuePrefix,
    logLines,
    logs: () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>),
    heldPayloads: (name) => heldPayloads(runtime.queue, name, settings.redisUrl, queuePrefix),
    serviceImports: (databaseUrl, serviceModule) => [RuntimeModule.forRoot(runtime), PersistenceModule.forRoot(databaseUrl), serviceModule],
    async obliterateQueues(): Promise<void> {
      await Promise.all(
        [...PIPELINE_QUEUES, QueueName.DeadLetter].map((name) =>
          withDeadline(runtime.queue.queue(name).obliterate({ force: true }), 2000, 'Redis').catch(() => undefined),
        ),
      );
    },
  };
}
