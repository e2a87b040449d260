import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { serviceNodeFlags } from '@polybot/config';

export const SERVICES = ['ingestor', 'strategy', 'risk', 'executor', 'api'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The package root (where package.json is), found from here whether running from dist/ or from source. */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Compiled entry point of a service (services always run from the build). */
export function serviceEntry(name: ServiceName | 'simulator'): string {
  return resolve(packageRoot(), 'dist', name === 'simulator' ? 'libs/simulator/src/main.js' : `apps/${name}/src/main.js`);
}

/** Node's arguments for a service: its heap ceiling, then its entry point. */
export function serviceArgs(name: ServiceName): string[] {
  return [...serviceNodeFlags(name), serviceEntry(name)];
}

const RESTART_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];
/** A service that stayed up this long is healthy again: its next crash starts the backoff afresh. */
const HEALTHY_AFTER_MS = 60_000;

interface Supervised {
  child: ChildProcess | null;
  crashes: number;
  startedAt: number;
}

/**
 * Runs each service as its own process, as in production, so one crashing stage does not take the
 * others down: a crashed service is restarted with backoff; a settings error (exit 2) is not
 * retried, since restarting cannot fix it.
 */
export class ServiceSupervisor {
  private readonly services = new Map<ServiceName, Supervised>();
  private stopping = false;
  private resolveDone: (code: number) => void = () => undefined;
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly report: (line: string) => void,
    /** A file descriptor for the services' output; the terminal when absent. */
    private readonly output?: number,
  ) {}

  start(names: readonly ServiceName[]): void {
    for (const name of names) {
      this.services.set(name, { child: null, crashes: 0, startedAt: 0 });
      this.spawn(name);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const children = [...this.services.values()].map((s) => s.child).filter((c): c is ChildProcess => c !== null && c.exitCode === null);
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill(signal);
          }),
      ),
    );
    this.resolveDone(0);
  }

  private spawn(name: ServiceName): void {
    const state = this.services.get(name);
    if (!state || this.stopping) return;
    const child = spawn(process.execPath, serviceArgs(name), { env: this.env, stdio: ['ignore', this.output ?? 'inherit', this.output ?? 'inherit'] });
    state.child = child;
    state.startedAt = Date.now();
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      if (Date.now() - state.startedAt > HEALTHY_AFTER_MS) state.crashes = 0;
      if (code === 2) {
        this.report(`${name} refused to start (exit 2: bad settings); stopping everything`);
        void this.stop().then(() => this.resolveDone(2));
        return;
      }
      const delay = RESTART_DELAYS_MS[Math.min(state.crashes, RESTART_DELAYS_MS.length - 1)];
      state.crashes += 1;
      this.report(`${name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000}s`);
      setTimeout(() => this.spawn(name), delay);
    });
  }
}
