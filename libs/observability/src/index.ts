export { createLogger } from './logger';
export type { CreateLoggerOptions, Logger } from './logger';
export { registerSecret, scrubSecrets, REDACTED } from './secret-registry';
export { PinoNestLogger } from './nest-logger';
export { createMetrics, EXECUTION_OUTCOMES, ORDER_PATH_STAGES, RERUN_JOB_STATES, startExecutorCounters } from './metrics';
export type { CreateMetricsOptions, OrderPathStage, PolybotMetrics } from './metrics';
export { startMetricsServer } from './metrics-server';
export type { MetricsServer, MetricsServerOptions } from './metrics-server';
export { RepeatedWarnings } from './repeated-warnings';
