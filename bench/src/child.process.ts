import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The repository root (where package.json is): the bench runs from its own build under dist/bench. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const ROOT = repositoryRoot();

/** A spawned node process; its output is scanned line by line and only the tail is kept. */
export interface BenchProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines it wrote (stdout and stderr), for a failure message. */
  tail(): string;
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, then SIGKILL after the grace period; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const TAIL_LINES = 60;

/** `logFile`: every line the process writes is kept there too (the tail alone is kept otherwise). */
export function startNode(name: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = [], logFile?: string): BenchProcess {
  const child = spawn(process.execPath, [...nodeFlags, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  if (logFile) mkdirSync(dirname(logFile), { recursive: true });
  const log = logFile ? createWriteStream(logFile) : null;
  const take = (line: string): void => {
    log?.write(`${line}\n`);
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
    for (const listener of listeners) listener(line);
  };
  createInterface({ input: child.stdout! }).on('line', take);
  createInterface({ input: child.stderr! }).on('line', take);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // After its output is read to the end, so the kept log is whole.
  child.once('close', () => log?.end());
  return {
    name,
    child,
    pid: child.pid,
    tail: () => lines.map((line) => `[${name}] ${line}`).join('\n'),
    onLine: (listener) => void listeners.push(listener),
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Parses a pino JSON line; anything else is null. */
export function logRecord(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
