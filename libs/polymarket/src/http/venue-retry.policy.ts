import { DelegateBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import { VenueError, VenueHttpError, VenueNetworkError } from './venue-errors';

export interface VenueBackoffOptions {
  /** First retry waits about this long (jittered to between half and all of it). */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A 429 asking us to wait longer than this is not retried: the cycle should not stall on it. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: VenueBackoffOptions = { initialDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

/** Network errors, timeouts, 429 and 5xx are worth another try; other 4xx and bad bodies are not. */
export function isRetryableVenueError(error: Error, backoff: VenueBackoffOptions): boolean {
  if (error instanceof VenueNetworkError) return true;
  if (!(error instanceof VenueHttpError) || error.status === null) return false;
  if (error.status === 429) return (error.retryAfterMs ?? 0) <= backoff.maxRetryAfterMs;
  return error.status >= 500;
}

/** Exponential backoff with jitter, but never shorter than the venue's `Retry-After`. */
export function venueRetryPolicy(maxRetries: number, backoff: VenueBackoffOptions): RetryPolicy {
  return retry(
    handleWhen((error) => isRetryableVenueError(error, backoff)),
    {
      maxAttempts: maxRetries,
      backoff: new DelegateBackoff((context) => {
        const exponential = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (context.attempt - 1));
        const jittered = exponential / 2 + Math.random() * (exponential / 2);
        const failure = 'error' in context.result ? context.result.error : undefined;
        const retryAfter = failure instanceof VenueHttpError ? (failure.retryAfterMs ?? 0) : 0;
        return Math.max(jittered, retryAfter);
      }),
    },
  );
}

export function isVenueError(error: unknown): error is VenueError {
  return error instanceof VenueError;
}
