import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { serviceEntry } from './service-supervisor';

export interface SimulatorProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

interface SimulatorBanner {
  url: string;
  gammaUrl: string;
  clobUrl: string;
  dataApiUrl: string;
  wsUrl: string;
}

/** Starts the local Polymarket simulator as its own process and waits for the URLs it prints. */
export function startSimulatorProcess(args: { port: number; seed: number; events: number; tickMs: number; balanceUsd?: number }): Promise<SimulatorProcess> {
  const balance = args.balanceUsd === undefined ? [] : ['--balance', String(args.balanceUsd)];
  const child = spawn(
    process.execPath,
    [serviceEntry('simulator'), '--port', String(args.port), '--seed', String(args.seed), '--events', String(args.events), '--tick-ms', String(args.tickMs), ...balance],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`the simulator exited before it was ready (code ${code})`)));
    lines.once('line', (line) => {
      const banner = JSON.parse(line) as SimulatorBanner;
      resolve({
        child,
        url: banner.url,
        env: {
          POLYBOT_GAMMA_API_URL: banner.gammaUrl,
          POLYBOT_CLOB_API_URL: banner.clobUrl,
          POLYBOT_CLOB_WS_URL: banner.wsUrl,
          POLYBOT_DATA_API_URL: banner.dataApiUrl,
        },
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
