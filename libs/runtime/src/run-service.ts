import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { findUnknownSettings, loadSettingsOrExit, metricsPortFor, needsLiveConfirmation, secretValues, type MetricsService, type Settings } from '@polybot/config';
import { createLogger, createMetrics, PinoNestLogger, startMetricsServer, type Logger } from '@polybot/observability';
import { PersistenceModule } from '@polybot/persistence';
import { RuntimeModule } from './runtime.module';
import { createQueueHandles, type ServiceRuntime } from './service-runtime';

export interface ServiceDefinition {
  readonly service: MetricsService;
  /** The service's own module; it may inject SETTINGS, LOGGER, METRICS, CLOCK, QueueProducer, repositories. */
  readonly module: Type<unknown>;
  /** HTTP services listen on their own host and port; workers run as an application context. */
  readonly http?: (settings: Settings) => { host: string; port: number };
  readonly beforeListen?: (app: INestApplication, runtime: ServiceRuntime) => void | Promise<void>;
}

/**
 * Starts one service as its own process: settings validated once, JSON logs with secrets scrubbed,
 * metrics on its own port, Postgres and Redis handles, graceful shutdown on SIGTERM/SIGINT.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplicationContext> {
  const settings = loadSettingsOrExit();
  const logger = createLogger({ service: definition.service, level: settings.logLevel, secrets: secretValues(settings) });
  for (const warning of findUnknownSettings()) logger.warn({}, warning);
  if (needsLiveConfirmation(settings)) {
    // A service started on its own cannot ask; `polyb0t run` asks at the terminal and passes the answer on.
    process.stderr.write('POLYBOT_DRY_RUN=false places real orders: set POLYBOT_CONFIRM_LIVE=yes to confirm an unattended start, or start with `polyb0t run --live` to confirm at the prompt\n');
    process.exit(2);
  }
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'Unhandled promise rejection'));

  try {
    // CPU, memory, GC and event-loop lag per service: what the bench measures, for the dashboards too.
    const metrics = createMetrics(definition.service, { collectDefault: true });
    const metricsServer = await startMetricsServer(metrics.registry, {
      host: settings.apiHost,
      port: metricsPortFor(definition.service, settings.metricsPort),
    });
    const handles = createQueueHandles(settings, logger, { commandTimeoutMs: definition.http ? undefined : PIPELINE_REDIS_TIMEOUT_MS });
    const runtime: ServiceRuntime = {
      service: definition.service,
      settings,
      logger,
      metrics,
      ...handles,
      close: async () => {
        await handles.close();
        await metricsServer.close().catch(() => undefined);
        logger.info({}, `${definition.service} stopped`);
      },
    };
    const modules = [RuntimeModule.forRoot(runtime), PersistenceModule.forRoot(settings.databaseUrl), definition.module];

    const { RootModule } = buildRoot(modules);
    const nestLogger = new PinoNestLogger(logger);
    const app = definition.http
      ? await NestFactory.create(RootModule, { logger: nestLogger, bodyParser: true })
      : await NestFactory.createApplicationContext(RootModule, { logger: nestLogger });

    if (definition.http) {
      const http = app as INestApplication;
      await definition.beforeListen?.(http, runtime);
      const { host, port } = definition.http(settings);
      await http.listen(port, host);
      logger.info({ host, port }, `${definition.service} listening`);
    } else {
      await app.init();
    }
    logger.info(
      { mode: settings.mode, dry_run: settings.dryRun, metrics_port: metricsServer.port },
      `${definition.service} started`,
    );
    stopOnSignal(app, logger, definition.service);
    return app;
  } catch (error) {
    logger.fatal({ err: error }, `${definition.service} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    // Let the log line flush before exiting non-zero.
    setTimeout(() => process.exit(1), 50);
    throw error;
  }
}

function buildRoot(imports: unknown[]): { RootModule: Type<unknown> } {
  // A fresh class per service keeps Nest's module graph explicit without a shared root module file.
  class RootModule {}
  Reflect.defineMetadata('imports', imports, RootModule);
  return { RootModule };
}

/** How long a pipeline service waits on Redis for a queue add before reporting it failed. */
const PIPELINE_REDIS_TIMEOUT_MS = 30_000;

/** Stopping must not hang: past this, the process exits non-zero and the supervisor or orchestrator takes over. */
const SHUTDOWN_DEADLINE_MS = 9000;

/**
 * On SIGTERM or SIGINT: close the application (loops stop, workers let in-flight jobs finish, then
 * connections close, in Nest's hook order) and exit 0; exit 1 if that takes too long.
 */
function stopOnSignal(app: INestApplicationContext, logger: Logger, service: string): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${service} stopping`);
    const deadline = setTimeout(() => {
      logger.error({ deadline_ms: SHUTDOWN_DEADLINE_MS }, `${service} did not stop in time; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${service} failed to stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
