/** How a test waits for something another process or an event loop turn will make true. */
export interface PollOptions {
  /** How long to keep trying, in ms. */
  readonly timeoutMs?: number;
  /** The pause between tries, in ms. */
  readonly everyMs?: number;
  /** What is awaited, for the error. */
  readonly what?: string;
  /** More for the error: a process's output, say. */
  readonly context?: () => string;
}

type Attempt<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly error?: unknown };

const DEFAULTS = { timeoutMs: 5_000, everyMs: 20, what: 'the condition' };

async function poll<T>(attempt: () => Promise<Attempt<T>>, options: PollOptions, onTimeout: (lastError: unknown, message: string) => Error): Promise<T> {
  const { timeoutMs, everyMs, what } = { ...DEFAULTS, ...options };
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const result = await attempt();
    if (result.done) return result.value;
    if ('error' in result) lastError = result.error;
    if (Date.now() > deadline) {
      const context = options.context ? `\n--- output ---\n${options.context().split('\n').slice(-40).join('\n')}` : '';
      const cause = lastError === undefined ? '' : ` (last error: ${String(lastError)})`;
      throw onTimeout(lastError, `timed out after ${timeoutMs} ms waiting for ${what}${cause}${context}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Polls `probe` until it gives a value: anything but undefined, null or false (so a predicate
 * works as it is). A probe that throws has not got there yet; its last error is in the timeout's.
 */
export function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, options: PollOptions = {}): Promise<T> {
  return poll<T>(
    async () => {
      try {
        const value = await probe();
        return value === undefined || value === null || value === false ? { done: false } : { done: true, value };
      } catch (error) {
        return { done: false, error };
      }
    },
    options,
    (_lastError, message) => new Error(message),
  );
}

/**
 * Polls until `check` stops throwing (its expect() calls hold) and returns what it returns. At the
 * deadline its last failure is thrown as it is, so the test reports the assertion, not a timeout.
 */
export function eventually<T>(check: () => T | Promise<T>, options: PollOptions = {}): Promise<T> {
  return poll<T>(
    async () => {
      try {
        return { done: true, value: await check() };
      } catch (error) {
        return { done: false, error };
      }
    },
    options,
    (lastError) => (lastError instanceof Error ? lastError : new Error(String(lastError))),
  );
}
