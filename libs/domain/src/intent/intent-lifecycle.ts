import type { IntentStatus } from './intent.types';

/** What can happen to an intent. Commands are imperative; they become past-tense events once applied. */
export const INTENT_COMMANDS = ['Approve', 'Reject', 'Expire', 'StartExecution', 'CompleteExecution', 'FailExecution'] as const;
export type IntentCommand = (typeof INTENT_COMMANDS)[number];

/**
 * The whole lifecycle. Any (status, command) pair not listed is an invalid transition.
 *   PENDING -> APPROVED -> EXECUTING -> EXECUTED
 *           -> REJECTED              -> FAILED
 *           -> EXPIRED
 */
const TRANSITIONS: Readonly<Record<IntentCommand, Partial<Record<IntentStatus, IntentStatus>>>> = {
  Approve: { PENDING: 'APPROVED' },
  // An operator or a tripped kill switch.
  Reject: { PENDING: 'REJECTED' },
  Expire: { PENDING: 'EXPIRED' },
  StartExecution: { APPROVED: 'EXECUTING' },
  CompleteExecution: { EXECUTING: 'EXECUTED' },
  // APPROVED -> FAILED: a pre-flight re-check (kill switch, drift, expiry) refused it before anything was sent.
  FailExecution: { EXECUTING: 'FAILED', APPROVED: 'FAILED' },
};

export const OPEN_INTENT_STATUSES: readonly IntentStatus[] = ['PENDING', 'APPROVED', 'EXECUTING'];
export const TERMINAL_INTENT_STATUSES: readonly IntentStatus[] = ['EXECUTED', 'FAILED', 'REJECTED', 'EXPIRED'];

export function isOpenStatus(status: IntentStatus): boolean {
  return OPEN_INTENT_STATUSES.includes(status);
}

export function isTerminalStatus(status: IntentStatus): boolean {
  return TERMINAL_INTENT_STATUSES.includes(status);
}

export class InvalidIntentTransitionError extends Error {
  constructor(readonly from: IntentStatus, readonly command: IntentCommand) {
    super(`cannot ${command} an intent that is ${from}`);
    this.name = 'InvalidIntentTransitionError';
  }
}

/** The status a command leads to from `from`, or null when the pair is not in the table. */
export function nextIntentStatus(from: IntentStatus, command: IntentCommand): IntentStatus | null {
  return TRANSITIONS[command][from] ?? null;
}

/** Like nextIntentStatus, but an invalid pair is an error naming both. */
export function applyIntentCommand(from: IntentStatus, command: IntentCommand): IntentStatus {
  const to = nextIntentStatus(from, command);
  if (to === null) throw new InvalidIntentTransitionError(from, command);
  return to;
}

/** The statuses a command may start from: what a conditional UPDATE puts in its WHERE clause. */
export function statusesAllowing(command: IntentCommand): IntentStatus[] {
  return Object.keys(TRANSITIONS[command]) as IntentStatus[];
}

/** The single status a command leads to (each command has one target). */
export function targetStatus(command: IntentCommand): IntentStatus {
  const targets = new Set(Object.values(TRANSITIONS[command]));
  const [target] = [...targets];
  return target as IntentStatus;
}
