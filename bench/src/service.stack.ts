import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Wallet } from 'ethers';
import { serviceNodeFlags } from '@polybot/config';
import { createRedisConnection } from '@polybot/queues';
import { logRecord, ROOT, startNode, type BenchProcess } from './child.process';
import type { BenchSimulator } from './simulator.process';

export const SERVICE_NAMES = ['ingestor', 'strategy', 'risk', 'executor', 'api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The simulator's well-known test key (the same one the live-execution int-spec uses); it holds simulated pUSD only. */
const SIM_PRIVATE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
export const SIM_WALLET = new Wallet(SIM_PRIVATE_KEY).address;
export const BANKROLL_USD = 10_000_000;

export interface ServiceStack {
  readonly services: Record<ServiceName, BenchProcess>;
  readonly apiUrl: string;
  readonly queuePrefix: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where a service serves /metrics, once its "started" line said (ports are picked at start). */
  metricsUrl(name: ServiceName): string | undefined;
  tails(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The loop, the venue timeout, the strategy and the risk limits the bench gives the services, which
 * the in-process baseline loads too (in-process.bench.ts), so both fetch and decide by the same settings.
 */
export function benchLimitsEnv(loopSeconds: number): Record<string, string> {
  return {
    POLYBOT_LOOP_INTERVAL_SECONDS: String(loopSeconds),
    // Above the loop, or the settings refuse it: with the walk off only cycles renew the data.
    POLYBOT_MAX_STALE_DATA_SECONDS: String(Math.max(60, loopSeconds * 3)),
    POLYBOT_INTENT_EXPIRY_SECONDS: '3600',
    POLYBOT_PAPER_BANKROLL: String(BANKROLL_USD),
    // $5 per intent, filled or killed at once (FAK): an approved intent ends EXECUTED at once instead of
    // resting as EXECUTING, which would block new intents on its token for the rest of the run, and
    // hundreds of fills barely dent the scenario books' best ask (edge and spread stay put).
    POLYBOT_MAX_POSITION_PCT: '0.00005',
    POLYBOT_MAX_NOTIONAL_PER_MARKET: '1000000000',
    POLYBOT_MAX_TOTAL_EXPOSURE_PCT: '100',
    POLYBOT_MAX_CATEGORY_EXPOSURE_PCT: '100',
    POLYBOT_MAX_ORDERS_PER_HOUR: '1000000',
    POLYBOT_MAX_DAILY_LOSS_PCT: '100',
    POLYBOT_STRATEGIES: 'neg_risk_consistency',
    // A 50,000-token catalogue read on a busy host can outlast the default per-request timeout.
    POLYBOT_HTTP_TIMEOUT_MS: '30000',
  };
}

/**
 * Every service as its own process, live against the simulator. Risk limits are opened wide (a big
 * bankroll, small intents, no hourly order cap) so the bench measures the pipeline, not the limits.
 */
export async function startServiceStack(opts: {
  sim: BenchSimulator;
  databaseUrl: string;
  loopSeconds: number;
  cpuProfileDir?: string;
  /** V8's own heap sizing instead of the services' production ceilings (for comparison). */
  defaultHeap?: boolean;
  ingestorFlags?: readonly string[];
  booksResyncCycles: number;
  /** Keep each service's output in `<logsDir>/<name>.log`. */
  logsDir?: string;
}): Promise<ServiceStack> {
  const apiPort = await freePort();
  const queuePrefix = `polybot-bench-${Date.now()}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    ...opts.sim.env,
    POLYBOT_DATABASE_URL: opts.databaseUrl,
    POLYBOT_REDIS_URL: process.env['POLYBOT_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    POLYBOT_QUEUE_PREFIX: queuePrefix,
    POLYBOT_API_PORT: String(apiPort),
    POLYBOT_METRICS_PORT: '0',
    POLYBOT_LOG_LEVEL: 'info',
    ...benchLimitsEnv(opts.loopSeconds),
    POLYBOT_MODE: 'live',
    POLYBOT_DRY_RUN: 'false',
    POLYBOT_CONFIRM_LIVE: 'yes',
    POLYBOT_POLYGON_PRIVATE_KEY: SIM_PRIVATE_KEY,
    POLYBOT_POLYMARKET_WALLET_ADDRESS: SIM_WALLET,
    POLYBOT_MAX_SPREAD_MULTIPLIER: '1000',
    POLYBOT_ORDER_TYPE: 'FAK',
    POLYBOT_MAX_DRAWDOWN_PCT: '100',
    POLYBOT_BOOKS_RESYNC_CYCLES: String(opts.booksResyncCycles),
  };
  const flags = (name: ServiceName): string[] => {
    const heap = [...(opts.defaultHeap ? [] : serviceNodeFlags(name)), ...(name === 'ingestor' ? (opts.ingestorFlags ?? []) : [])];
    if (!opts.cpuProfileDir) return heap;
    const dir = resolve(opts.cpuProfileDir, name);
    mkdirSync(dir, { recursive: true });
    return [...heap, '--cpu-prof', '--cpu-prof-dir', dir];
  };
  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, startNode(name, [resolve(ROOT, `dist/apps/${name}/src/main.js`)], env, flags(name), opts.logsDir && resolve(opts.logsDir, `${name}.log`))]),
  ) as Record<ServiceName, BenchProcess>;
  const metricsPorts = new Map<ServiceName, number>();
  for (const name of SERVICE_NAMES) {
    services[name].onLine((line) => {
      if (metricsPorts.has(name) || !line.includes(`"${name} started"`)) return;
      const port = Number(logRecord(line)?.['metrics_port']);
      if (port > 0) metricsPorts.set(name, port);
    });
  }
  return {
    services,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    queuePrefix,
    env,
    metricsUrl: (name) => (metricsPorts.has(name) ? `http://127.0.0.1:${metricsPorts.get(name)}/metrics` : undefined),
    tails: () => SERVICE_NAMES.map((name) => services[name].tail()).join('\n'),
    stop: async () => {
      // A profiled service writes its profile on exit: give it time to.
      await Promise.all(SERVICE_NAMES.map((name) => services[name].stop(opts.cpuProfileDir ? 90_000 : 15_000)));
      await dropQueueKeys(String(env['POLYBOT_REDIS_URL']), queuePrefix).catch((error: unknown) =>
        process.stderr.write(`could not drop the queue keys ${queuePrefix}:*: ${String(error)}\n`),
      );
    },
  };
}

/** Deletes this run's BullMQ keys (kept completed jobs would otherwise pile up in the shared Redis). */
export async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  // The worker role queues commands until the connection is up (a producer connection refuses them).
  const redis = createRedisConnection(redisUrl, 'worker');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
