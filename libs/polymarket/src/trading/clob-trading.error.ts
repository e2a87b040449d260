import { scrubSecrets } from '@polybot/observability';

const MAX_VENUE_MESSAGE = 160;

/**
 * A failed authenticated CLOB call. The message names the endpoint, the status and the venue's
 * own short error text (scrubbed), never a header, key, secret or passphrase. `ambiguous` means
 * the venue may have acted on the request anyway (timeout, dropped connection, 5xx): an order
 * post that ends this way must be reconciled, never blindly retried.
 */
export class ClobTradingError extends Error {
  override readonly name = 'ClobTradingError';

  constructor(
    readonly endpoint: string,
    readonly status: number | null,
    readonly venueMessage: string,
    readonly ambiguous: boolean,
  ) {
    super(`${endpoint}: ${status === null ? 'no answer' : `HTTP ${status}`}${venueMessage ? `: ${scrubSecrets(venueMessage).slice(0, MAX_VENUE_MESSAGE)}` : ''}`);
  }
}

/** Strips a thrown value to something safe to log: the error class and a scrubbed message, no stack from inside the client. */
export function safeReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return scrubSecrets(text).slice(0, MAX_VENUE_MESSAGE);
}
