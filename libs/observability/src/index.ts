export { createLogger } from './logger';
export type { CreateLoggerOptions, Logger } from './logger';
export { registerSecret, scrubSecrets, REDACTED } from './secret-registry';
export { PinoNestLogger } from './nest-logger';
export { createMetrics } from './metrics';
export type { CreateMetricsOptions, PolybotMetrics } from './metrics';
export { startMetricsServer } from './metrics-server';
export type { MetricsServer, MetricsServerOptions } from './metrics-server';
