import { waitFor as poll } from '@polybot/testing';

const started = Date.now();

/** One progress line on stderr, so stdout stays the final report. */
export function progress(message: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls until the probe gives a value, or fails naming what it waited for. */
export function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs: number, everyMs = 100): Promise<T> {
  return poll(probe, { what, timeoutMs, everyMs });
}
