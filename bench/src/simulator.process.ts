import { resolve } from 'node:path';
import { ROOT, startNode, type BenchProcess } from './child.process';
import { waitFor } from './progress';

export interface BenchSimulator {
  readonly process: BenchProcess;
  readonly url: string;
  /** POLYBOT_* venue URLs pointing at it. */
  readonly env: Record<string, string>;
}

interface Banner {
  url: string;
  gammaUrl: string;
  clobUrl: string;
  dataApiUrl: string;
  wsUrl: string;
  rpcUrl: string;
}

/** The simulator as its own process (its CPU is the venue's, not ours, and is reported apart). */
export async function startBenchSimulator(opts: { events: number; seed: number; tickMs: number; walkSteps: number; balanceUsd: number; logsDir?: string }): Promise<BenchSimulator> {
  const entry = resolve(ROOT, 'dist/libs/simulator/src/main.js');
  const args = [entry, '--port', '0', '--seed', String(opts.seed), '--events', String(opts.events), '--tick-ms', String(opts.tickMs), '--walk-steps', String(opts.walkSteps), '--balance', String(opts.balanceUsd)];
  const proc = startNode('simulator', args, process.env, [], opts.logsDir && resolve(opts.logsDir, 'simulator.log'));
  let banner: Banner | null = null;
  proc.onLine((line) => {
    if (banner || !line.includes('simulator listening')) return;
    banner = JSON.parse(line) as Banner;
  });
  const ready = await waitFor('the simulator banner', () => banner, 120_000, 50).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${proc.tail()}`);
  });
  return {
    process: proc,
    url: ready.url,
    env: {
      POLYBOT_GAMMA_API_URL: ready.gammaUrl,
      POLYBOT_CLOB_API_URL: ready.clobUrl,
      POLYBOT_CLOB_WS_URL: ready.wsUrl,
      POLYBOT_DATA_API_URL: ready.dataApiUrl,
      POLYBOT_POLYGON_RPC_URL: ready.rpcUrl,
    },
  };
}

export async function simJson<T>(sim: BenchSimulator, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`simulator ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
