import { VenueHttpError, VenueNetworkError, VenueResponseError } from './venue-errors';
import { DEFAULT_BACKOFF, isRetryableVenueError } from './venue-retry.policy';

const retryable = (error: Error): boolean => isRetryableVenueError(error, DEFAULT_BACKOFF);

describe('isRetryableVenueError', () => {
  it('retries network errors, timeouts, 429 and 5xx', () => {
    expect(retryable(new VenueNetworkError('clob POST /books', 'network error (ECONNRESET)', false))).toBe(true);
    expect(retryable(new VenueNetworkError('clob POST /books', 'timed out after 50 ms', true))).toBe(true);
    expect(retryable(new VenueHttpError('clob POST /books', 429, 'HTTP 429', 1000))).toBe(true);
    expect(retryable(new VenueHttpError('clob POST /books', 500, 'HTTP 500'))).toBe(true);
    expect(retryable(new VenueHttpError('clob POST /books', 503, 'HTTP 503'))).toBe(true);
  });

  it('does not retry other 4xx, bad bodies, or a 429 asking for a longer wait than allowed', () => {
    expect(retryable(new VenueHttpError('gamma GET /events', 400, 'HTTP 400'))).toBe(false);
    expect(retryable(new VenueHttpError('gamma GET /events', 404, 'HTTP 404'))).toBe(false);
    expect(retryable(new VenueResponseError('gamma GET /events', 200, 'HTTP 200 body is not JSON (5 bytes)'))).toBe(false);
    expect(retryable(new VenueHttpError('gamma GET /events', 429, 'HTTP 429', DEFAULT_BACKOFF.maxRetryAfterMs + 1))).toBe(false);
    expect(retryable(new Error('a bug of ours'))).toBe(false);
  });

  it('states the attempts in the message once retries are spent', () => {
    const error = new VenueHttpError('clob POST /books', 500, 'HTTP 500').afterAttempts(3);
    expect(error.message).toBe('clob POST /books: HTTP 500 (after 3 attempts)');
    expect(error).toBeInstanceOf(VenueHttpError);
    expect([error.status, error.attempts]).toEqual([500, 3]);
  });
});
