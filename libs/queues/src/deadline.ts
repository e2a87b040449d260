export class DeadlineExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * Redis clients wait for a connection indefinitely by design (workers must ride out an outage);
 * a person waiting on an approval or a status must not. The work itself is left to finish.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // A busy event loop (a cycle building 50k snapshots) runs expired timers before it reads the
    // sockets; the answer may be sitting there. setImmediate runs after this turn's socket reads.
    timer = setTimeout(() => setImmediate(() => reject(new DeadlineExceededError(what, ms))), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
