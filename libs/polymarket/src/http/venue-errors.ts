/**
 * Errors from venue calls. Messages name the endpoint (family, method, route: never the host,
 * headers or credentials), the HTTP status if there was one, and a short reason.
 */
export abstract class VenueError extends Error {
  protected constructor(
    readonly endpoint: string,
    readonly status: number | null,
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(`${endpoint}: ${reason}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
  }

  /** The same failure, stating how many attempts were made before giving up. */
  abstract afterAttempts(attempts: number): VenueError;
}

/** The venue answered with a non-2xx status. */
export class VenueHttpError extends VenueError {
  override readonly name = 'VenueHttpError';

  constructor(
    endpoint: string,
    status: number,
    reason: string,
    /** From `Retry-After`, when the venue sent one. */
    readonly retryAfterMs: number | null = null,
    attempts = 1,
  ) {
    super(endpoint, status, reason, attempts);
  }

  afterAttempts(attempts: number): VenueHttpError {
    return new VenueHttpError(this.endpoint, this.status ?? 0, this.reason, this.retryAfterMs, attempts);
  }
}

/** No answer: connection refused/reset, DNS, or our per-call timeout. */
export class VenueNetworkError extends VenueError {
  override readonly name = 'VenueNetworkError';

  constructor(endpoint: string, reason: string, readonly timedOut: boolean, attempts = 1) {
    super(endpoint, null, reason, attempts);
  }

  afterAttempts(attempts: number): VenueNetworkError {
    return new VenueNetworkError(this.endpoint, this.reason, this.timedOut, attempts);
  }
}

/** A 2xx answer whose body is not the JSON we asked for. */
export class VenueResponseError extends VenueError {
  override readonly name = 'VenueResponseError';

  constructor(endpoint: string, status: number, reason: string, attempts = 1) {
    super(endpoint, status, reason, attempts);
  }

  afterAttempts(attempts: number): VenueResponseError {
    return new VenueResponseError(this.endpoint, this.status ?? 0, this.reason, attempts);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
