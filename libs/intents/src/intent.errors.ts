import type { IntentStatus } from '@polybot/domain';

/**
 * Base of every error a person can act on; `httpStatus` is how the API reports it, `exitCode` how
 * the CLI does: 2 when the command's usage or settings must change (retrying will not help), 1
 * when the action failed (not found, wrong status, blocked).
 */
export abstract class IntentActionError extends Error {
  abstract readonly httpStatus: 400 | 404 | 409 | 503;
  readonly exitCode: 1 | 2 = 1;
}

export class IntentNotFoundError extends IntentActionError {
  readonly httpStatus = 404;
  constructor(readonly idOrPrefix: string) {
    super(`no intent matches id "${idOrPrefix}"`);
    this.name = 'IntentNotFoundError';
  }
}

export class InvalidIntentIdError extends IntentActionError {
  readonly httpStatus = 400;
  constructor(readonly idOrPrefix: string, reason: 'TOO_SHORT' | 'AMBIGUOUS' | 'MALFORMED') {
    super(
      reason === 'TOO_SHORT'
        ? `intent id "${idOrPrefix}" is too short: give the full id or a unique prefix of at least 6 characters`
        : reason === 'AMBIGUOUS'
          ? `intent id prefix "${idOrPrefix}" matches more than one intent: give more characters`
          : `intent id "${idOrPrefix}" is not a valid id: use hex digits and dashes`,
    );
    this.name = 'InvalidIntentIdError';
  }
}

/** The intent exists but is not in a status that allows the action: says its real status. */
export class IntentStateConflictError extends IntentActionError {
  readonly httpStatus = 409;
  constructor(readonly intentId: string, readonly action: 'approve' | 'reject', readonly current: IntentStatus) {
    super(`cannot ${action} intent ${intentId}: it is ${current}, not PENDING${current === 'EXPIRED' ? ' (its approval window has passed)' : ''}`);
    this.name = 'IntentStateConflictError';
  }
}

export class PersistenceUnavailableError extends IntentActionError {
  readonly httpStatus = 503;
  constructor(cause: unknown) {
    super(`the database is unavailable, nothing was changed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PersistenceUnavailableError';
  }
}

/** A risk re-check refused the step: says which check and why. The intent is left as it was. */
export class IntentBlockedError extends IntentActionError {
  readonly httpStatus = 409;
  constructor(readonly intentId: string, readonly action: 'approve', readonly blockingMessage: string) {
    super(`cannot ${action} intent ${intentId}: blocked by risk re-check: ${blockingMessage}`);
    this.name = 'IntentBlockedError';
  }
}

/**
 * The running services trade in the other mode: the approval's risk re-check would read the wrong
 * ledger, so it is refused before anything is read or written. Fixed by the mode, not by retrying.
 */
export class ServicesModeMismatchError extends IntentActionError {
  readonly httpStatus = 409;
  override readonly exitCode = 2;
  constructor(readonly intentId: string, readonly warning: string) {
    super(`cannot approve intent ${intentId}: ${warning}`);
    this.name = 'ServicesModeMismatchError';
  }
}
