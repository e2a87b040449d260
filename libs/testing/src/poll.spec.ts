import { describe, expect, it } from '@jest/globals';
import { eventually, waitFor } from './poll';

function sequence<T>(...values: T[]): () => T {
  let n = 0;
  return () => values[Math.min(n++, values.length - 1)];
}

describe('waitFor', () => {
  it('returns the first value that is not undefined, null or false', async () => {
    await expect(waitFor(sequence<string | undefined | null | false>(undefined, null, false, 'ready'), { everyMs: 1 })).resolves.toBe('ready');
    await expect(waitFor(sequence(0, 1), { everyMs: 1 })).resolves.toBe(0);
  });

  it('keeps trying past a throwing probe', async () => {
    const probe = sequence<() => number>(() => { throw new Error('not up'); }, () => 7);
    await expect(waitFor(() => probe()(), { everyMs: 1 })).resolves.toBe(7);
  });

  it('times out naming what it waited for, the last error and the context', async () => {
    const started = Date.now();
    const error = await waitFor(() => { throw new Error('connection refused'); }, { timeoutMs: 60, everyMs: 5, what: 'the api', context: () => 'line 1\nline 2' }).catch((e: unknown) => e as Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(error.message).toBe('timed out after 60 ms waiting for the api (last error: Error: connection refused)\n--- output ---\nline 1\nline 2');
  });

  it('says only what it waited for when nothing failed', async () => {
    await expect(waitFor(() => false, { timeoutMs: 10, everyMs: 2 })).rejects.toThrow(/^timed out after 10 ms waiting for the condition$/);
  });
});

describe('eventually', () => {
  it('returns what the check returns once it stops throwing', async () => {
    let tries = 0;
    const value = await eventually(() => {
      tries += 1;
      expect(tries).toBeGreaterThanOrEqual(3);
      return tries;
    }, { everyMs: 1 });
    expect(value).toBe(3);
  });

  it("rethrows the check's last failure itself at the deadline", async () => {
    const failures: Error[] = [];
    const error = await eventually(() => {
      const failure = new Error(`failure ${failures.length + 1}`);
      failures.push(failure);
      throw failure;
    }, { timeoutMs: 30, everyMs: 5 }).catch((e: unknown) => e);
    expect(failures.length).toBeGreaterThan(1);
    expect(error).toBe(failures.at(-1));
  });
});
