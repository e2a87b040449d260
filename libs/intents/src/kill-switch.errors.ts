import { KILL_SWITCH_NAMES } from '@polybot/domain';
import { IntentActionError } from './intent.errors';

// These extend IntentActionError, the base of every error a person can act on, so the API's error
// filter and the CLI report them (status code, exit code 1) like the intent errors.

export class UnknownKillSwitchError extends IntentActionError {
  readonly httpStatus = 400;
  /** A misspelled switch name is bad usage. */
  override readonly exitCode = 2;
  constructor(readonly switchName: string) {
    super(`unknown kill switch "${switchName}": use one of ${KILL_SWITCH_NAMES.join(', ')}`);
    this.name = 'UnknownKillSwitchError';
  }
}

export class KillSwitchNotTrippedError extends IntentActionError {
  readonly httpStatus = 409;
  constructor(readonly switchName: string) {
    super(`kill switch ${switchName} is not tripped: nothing to clear`);
    this.name = 'KillSwitchNotTrippedError';
  }
}
