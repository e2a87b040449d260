import type { RetryPolicy } from 'cockatiel';
import type { VenueCallRecorder } from './venue-call.recorder';
import { VenueError, VenueHttpError, VenueNetworkError, VenueResponseError } from './venue-errors';
import { mergeRateLimits, type VenueFamily, VenueLimiters, type VenueRateLimitOverrides } from './venue-rate-limits';
import { DEFAULT_BACKOFF, type VenueBackoffOptions, venueRetryPolicy } from './venue-retry.policy';

export interface VenueHttpOptions {
  /** Per attempt, including reading the body. */
  readonly timeoutMs: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly recorder: VenueCallRecorder;
  readonly limits?: VenueRateLimitOverrides;
  readonly backoff?: Partial<VenueBackoffOptions>;
}

/** An array value is sent as a repeated key (`condition_ids=a&condition_ids=b`), as Gamma wants lists. */
export type VenueQueryValue = string | number | boolean | readonly string[];

export interface VenueRequest {
  readonly family: VenueFamily;
  readonly method: 'GET' | 'POST';
  readonly baseUrl: string;
  /** Route without query, e.g. `/events`: it picks the rate limiter and names the endpoint. */
  readonly path: string;
  readonly query?: Readonly<Record<string, VenueQueryValue>>;
  readonly body?: unknown;
}

const MAX_REASON_CHARS = 160;

function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** The venue's own `{ "error": "…" }` text, if any, shortened: useful, and never our headers. */
function venueErrorText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') {
      return `: ${parsed.error.slice(0, MAX_REASON_CHARS)}`;
    }
  } catch {
    // Not JSON (an HTML error page, say): the status alone says enough.
  }
  return '';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** Duck-typed: errors from Node's own fetch come from another realm, so `instanceof Error` can miss them. */
function networkError(endpoint: string, error: unknown, timeoutMs: number): VenueNetworkError {
  const name = field(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return new VenueNetworkError(endpoint, `timed out after ${timeoutMs} ms`, true);
  const code = field(field(error, 'cause'), 'code') ?? field(error, 'code');
  if (typeof code === 'string') return new VenueNetworkError(endpoint, `network error (${code})`, false);
  const message = field(error, 'message');
  const detail = typeof message === 'string' ? message : String(error);
  return new VenueNetworkError(endpoint, `network error: ${detail.slice(0, MAX_REASON_CHARS)}`, false);
}

/**
 * The one place every venue HTTP call goes through: a per-attempt timeout, rate limiting per
 * endpoint family, retries with backoff, and a record of every attempt for the kill switch.
 */
export class VenueHttp {
  private readonly limiters: VenueLimiters;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly options: VenueHttpOptions) {
    if (!(Number.isInteger(options.timeoutMs) && options.timeoutMs > 0)) throw new Error(`VenueHttp timeoutMs must be a positive integer (got ${options.timeoutMs})`);
    if (!(Number.isInteger(options.maxRetries) && options.maxRetries >= 0)) throw new Error(`VenueHttp maxRetries must be a non-negative integer (got ${options.maxRetries})`);
    this.limiters = new VenueLimiters(mergeRateLimits(options.limits));
    this.retryPolicy = venueRetryPolicy(options.maxRetries, { ...DEFAULT_BACKOFF, ...options.backoff });
  }

  static endpointName(request: Pick<VenueRequest, 'family' | 'method' | 'path'>): string {
    return `${request.family} ${request.method} ${request.path}`;
  }

  /** Parsed JSON body of a 2xx answer; throws a `VenueError` once retries are spent. */
  async requestJson(request: VenueRequest): Promise<unknown> {
    const limiter = this.limiters.limiterFor(request.family, request.path);
    let attempts = 0;
    try {
      return await this.retryPolicy.execute(() => {
        attempts += 1;
        return limiter.schedule(() => this.attempt(request));
      });
    } catch (error) {
      throw error instanceof VenueError ? error.afterAttempts(attempts) : error;
    }
  }

  getJson(family: VenueFamily, baseUrl: string, path: string, query?: VenueRequest['query']): Promise<unknown> {
    return this.requestJson({ family, method: 'GET', baseUrl, path, query });
  }

  postJson(family: VenueFamily, baseUrl: string, path: string, body: unknown): Promise<unknown> {
    return this.requestJson({ family, method: 'POST', baseUrl, path, body });
  }

  close(): Promise<void> {
    return this.limiters.close();
  }

  private urlOf(request: VenueRequest): string {
    const url = new URL(request.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (typeof value === 'object') value.forEach((item) => url.searchParams.append(key, item));
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async attempt(request: VenueRequest): Promise<unknown> {
    const endpoint = VenueHttp.endpointName(request);
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await fetch(this.urlOf(request), {
        method: request.method,
        headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.status;
      const text = await response.text();
      if (!response.ok) {
        throw new VenueHttpError(endpoint, response.status, `HTTP ${response.status}${venueErrorText(text)}`, retryAfterMs(response.headers.get('retry-after')));
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new VenueResponseError(endpoint, response.status, `HTTP ${response.status} body is not JSON (${text.length} bytes)`);
      }
      this.record(endpoint, true, status, started);
      return body;
    } catch (error) {
      const venueError = error instanceof VenueError ? error : networkError(endpoint, error, this.options.timeoutMs);
      this.record(endpoint, false, venueError.status ?? status, started, venueError.reason);
      throw venueError;
    }
  }

  private record(endpoint: string, ok: boolean, status: number | null, started: number, error?: string): void {
    const durationMs = Math.round(performance.now() - started);
    try {
      this.options.recorder.record({ endpoint, ok, status, durationMs, ...(error === undefined ? {} : { error }) });
    } catch {
      // A failing recorder must not turn a good venue answer into a failed call.
    }
  }
}
