import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { startSimulatorProcess, type SimulatorProcess } from '../../../apps/cli/src/process/simulator-process';
import { CLI, freePort, startProcess, waitFor, type RunningProcess } from './processes';

/** An intent as the API returns it (the fields these tests read). */
export interface IntentBody {
  id: string;
  type: string;
  status: string;
  side: string;
  token_id: string;
  price: number;
  edge: number;
  reason: string;
  execution: {
    mode: string;
    status: string;
    filled_size: number;
    avg_price: number | null;
    fees: number;
    order: { tokenId: string; price: number; size: number } | null;
  } | null;
}

/** The whole system as a user runs it: its own database, the simulator and `polyb0t run` as processes. */
export interface Stack {
  readonly db: TestDatabase;
  readonly sim: SimulatorProcess;
  readonly services: RunningProcess;
  readonly env: NodeJS.ProcessEnv;
  readonly api: string;
  getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  /** Stops everything; resolves with `polyb0t run`'s exit code. */
  stop(): Promise<number | null>;
}

export interface StackOptions {
  readonly mode: '--live' | '--paper';
  /** balanceUsd: the pUSD every address starts with (the simulator's default is 1,000). */
  readonly simulator: { readonly seed: number; readonly events: number; readonly tickMs: number; readonly balanceUsd?: number };
  /** Settings for the services; a function sees the test database's URL (to route it through a proxy, say). */
  readonly env: Record<string, string> | ((ctx: { readonly databaseUrl: string }) => Record<string, string>);
  /** Scripts the simulator before any service starts. */
  readonly prepare?: (sim: SimulatorProcess) => Promise<void>;
}

const SERVICES = ['ingestor', 'strategy', 'risk', 'executor', 'api'] as const;

export async function startStack(options: StackOptions): Promise<Stack> {
  const db = await createTestDatabase();
  const sim = await startSimulatorProcess({ port: 0, ...options.simulator });
  await options.prepare?.(sim);
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  // The developer's own execution settings must not leak into a test run; the test's may.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.POLYBOT_DRY_RUN;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...sim.env,
    POLYBOT_POLYGON_RPC_URL: `${sim.url}/rpc`,
    POLYBOT_DATABASE_URL: db.url,
    POLYBOT_QUEUE_PREFIX: `polybot-e2e-${randomUUID().slice(0, 8)}`,
    POLYBOT_API_PORT: String(apiPort),
    POLYBOT_METRICS_PORT: '0',
    POLYBOT_LOG_LEVEL: 'info',
    // The CLI commands a test runs beside the services read their mode, as an operator's terminal
    // must (an approval in the other mode is refused: its re-check would read the other ledger).
    POLYBOT_MODE: options.mode === '--live' ? 'live' : 'paper',
    ...(typeof options.env === 'function' ? options.env({ databaseUrl: db.url }) : options.env),
  };
  const services = startProcess([CLI, 'run', options.mode, '--with-api'], env);
  // Every service up before the test acts: a test that cuts a dependency must not catch one still starting.
  await waitFor('every service to start', async () => SERVICES.every((name) => services.output().includes(`"message":"${name} started"`)), 60_000, services.output);
  return {
    db,
    sim,
    services,
    env,
    api,
    getJson: async <T>(path: string, init?: RequestInit) => {
      const response = await fetch(`${api}${path}`, init);
      return { status: response.status, body: (await response.json()) as T };
    },
    stop: async () => {
      const code = await services.stop('SIGTERM');
      await sim.stop();
      await db.drop();
      return code;
    },
  };
}

/** Makes a neg-risk event mispriced at the simulator; returns the token the strategy should buy. */
export async function injectMispricing(simUrl: string): Promise<string> {
  const scenario = (await (await fetch(`${simUrl}/_sim/scenario/mispricing`, { method: 'POST' })).json()) as { expected: { tokenId: string } };
  return scenario.expected.tokenId;
}

/** Waits for a PENDING intent on a token (of a type, OPEN_POSITION by default), through the API. */
export function pendingIntentFor(stack: Stack, tokenId: string, type = 'OPEN_POSITION', timeoutMs = 30_000): Promise<IntentBody> {
  return waitFor(
    `a PENDING ${type} intent on token ${tokenId.slice(0, 12)}…`,
    async () => (await stack.getJson<IntentBody[]>('/intents?status=PENDING')).body.find((i) => i.token_id === tokenId && i.type === type),
    timeoutMs,
    stack.services.output,
  );
}
