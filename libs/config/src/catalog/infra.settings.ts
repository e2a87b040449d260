import { withDefault } from '../setting-definition';
import { choiceKind, numberKind, patternKind, urlKind } from '../setting-kind';

const group = 'Infra';
const port = numberKind({ min: 0, max: 65535, integer: true });

export const INFRA_SETTINGS = {
  databaseUrl: withDefault('POLYBOT_DATABASE_URL', urlKind({ protocols: ['postgres', 'postgresql'] }), 'postgres://postgres@127.0.0.1:5432/polybot', {
    group,
    description: 'PostgreSQL connection string (a password in it is masked in status output)',
  }),
  redisUrl: withDefault('POLYBOT_REDIS_URL', urlKind({ protocols: ['redis', 'rediss'] }), 'redis://127.0.0.1:6379', {
    group,
    description: 'Redis connection string for queues and broadcast events',
  }),
  apiHost: withDefault('POLYBOT_API_HOST', patternKind(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address', 'host name or IP'), '127.0.0.1', {
    group,
    description: 'interface the REST API listens on',
  }),
  apiPort: withDefault('POLYBOT_API_PORT', port, '8000', {
    group,
    description: 'port of the REST API (0 = any free port)',
  }),
  metricsPort: withDefault('POLYBOT_METRICS_PORT', port, '9464', {
    group,
    description: 'base Prometheus port; each service listens on base + its offset (0 = any free port)',
  }),
  logLevel: withDefault('POLYBOT_LOG_LEVEL', choiceKind(['trace', 'debug', 'info', 'warn', 'error']), 'info', {
    group,
    description: 'lowest level written to the JSON log',
  }),
  queuePrefix: withDefault('POLYBOT_QUEUE_PREFIX', patternKind(/^[A-Za-z0-9_.:-]+$/, 'a key prefix of letters, digits, _ . : -', 'letters, digits, _ . : -'), 'polybot', {
    group,
    description: 'BullMQ Redis key prefix; a distinct prefix isolates test runs',
  }),
};
