import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { loadSettings } from '@polybot/config';
import type { RiskCheckResult } from '@polybot/domain';
import { createLogger, createMetrics } from '@polybot/observability';
import { IntentRepository, MarketRepository, newIntent, type NewIntent, type TestDatabase } from '@polybot/persistence';
import { QueueName } from '@polybot/queues';
import { createQueueHandles, testMarket, type ServiceRuntime } from '@polybot/runtime';
import { createApiApp } from '../api-app.factory';
import { withDeadline } from '@polybot/queues';

export interface ApiHarness {
  readonly app: INestApplication;
  readonly runtime: ServiceRuntime;
  readonly baseUrl: string;
  readonly intents: IntentRepository;
  readonly markets: MarketRepository;
  /** Every JSON log line the API wrote. */
  readonly logLines: string[];
  close(): Promise<void>;
}

/** The API in-process on a real database and Redis (unique queue prefix), listening on a free port. */
export async function startApi(db: TestDatabase, env: Record<string, string> = {}): Promise<ApiHarness> {
  const settings = loadSettings(
    {
      POLYBOT_DATABASE_URL: db.url,
      POLYBOT_QUEUE_PREFIX: `polybot-test-api-${randomBytes(4).toString('hex')}`,
      POLYBOT_LOG_LEVEL: 'info',
      ...env,
    },
    { envFile: false },
  );
  const logLines: string[] = [];
  const logger = createLogger({ service: 'api', level: settings.logLevel, destination: { write: (line: string) => logLines.push(line) } });
  const handles = createQueueHandles(settings, logger);
  const runtime: ServiceRuntime = { service: 'api', settings, logger, metrics: createMetrics('api'), ...handles, close: handles.close };
  const app = await createApiApp(runtime, db.url);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    runtime,
    baseUrl: `http://127.0.0.1:${port}`,
    intents: app.get(IntentRepository),
    markets: app.get(MarketRepository),
    logLines,
    async close(): Promise<void> {
      // Bounded: with Redis down (a test case) BullMQ would wait for a connection forever.
      await withDeadline(runtime.queue.queue(QueueName.ApprovedIntents).obliterate({ force: true }), 1000, 'Redis').catch(() => undefined);
      await app.close();
    },
  };
}

const PASSING: readonly RiskCheckResult[] = [
  { name: 'MIN_EDGE', passed: true, value: 0.065, limit: 0.02, message: 'edge 6.5% >= 2.0%' },
];

/**
 * A PENDING proposal on a fresh token, open for ten minutes from now unless overridden. Its market
 * is stored too (a liquid one): approval re-checks the limits against the market's data.
 */
export async function seedPending(api: Pick<ApiHarness, 'intents' | 'markets'>, overrides: Partial<NewIntent> = {}): Promise<string> {
  const now = Date.now();
  await api.markets.upsertMany([testMarket(overrides.marketId ?? 'm-1')]);
  const intents = api.intents;
  const intent = await intents.createPending(
    // The shared fixture (m-1, $150 at 0.42), open for ten minutes from now.
    newIntent({ createdAt: new Date(now), expiresAt: new Date(now + 600_000), ...overrides }),
    PASSING,
    { actor: 'test' },
  );
  if (!intent) throw new Error('seed intent was not created');
  return intent.id;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** fetch + JSON, keeping the raw text so a test can prove what is absent (e.g. a stack trace). */
export async function call(baseUrl: string, path: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return answerOf(response.status, await response.text());
}

/** The answer with its body parsed as JSON (null when it is not JSON). */
export function answerOf(status: number, text: string): HttpAnswer {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status, body, text };
}

export const postJson = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
