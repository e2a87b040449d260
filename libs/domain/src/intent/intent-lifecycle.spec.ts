import { INTENT_STATUSES, type IntentStatus } from './intent.types';
import {
  INTENT_COMMANDS,
  InvalidIntentTransitionError,
  OPEN_INTENT_STATUSES,
  TERMINAL_INTENT_STATUSES,
  applyIntentCommand,
  isOpenStatus,
  isTerminalStatus,
  nextIntentStatus,
  statusesAllowing,
  targetStatus,
  type IntentCommand,
} from './intent-lifecycle';

/** The whole table, written out independently of the implementation. */
const ALLOWED: ReadonlyArray<[IntentStatus, IntentCommand, IntentStatus]> = [
  ['PENDING', 'Approve', 'APPROVED'],
  ['PENDING', 'Reject', 'REJECTED'],
  ['PENDING', 'Expire', 'EXPIRED'],
  ['APPROVED', 'StartExecution', 'EXECUTING'],
  ['APPROVED', 'FailExecution', 'FAILED'],
  ['EXECUTING', 'CompleteExecution', 'EXECUTED'],
  ['EXECUTING', 'FailExecution', 'FAILED'],
];

function expected(from: IntentStatus, command: IntentCommand): IntentStatus | null {
  return ALLOWED.find(([f, c]) => f === from && c === command)?.[2] ?? null;
}

const ALL_PAIRS = INTENT_STATUSES.flatMap((status) => INTENT_COMMANDS.map((command) => [status, command] as const));

describe('intent lifecycle table', () => {
  it('covers every status x command pair (7 x 6 = 42)', () => {
    expect(INTENT_STATUSES).toHaveLength(7);
    expect(INTENT_COMMANDS).toHaveLength(6);
    expect(ALL_PAIRS).toHaveLength(42);
  });

  it.each(ALL_PAIRS)('%s + %s leads exactly where the table says (or nowhere)', (from, command) => {
    const to = expected(from, command);
    expect(nextIntentStatus(from, command)).toBe(to);
    if (to === null) {
      expect(() => applyIntentCommand(from, command)).toThrow(InvalidIntentTransitionError);
    } else {
      expect(applyIntentCommand(from, command)).toBe(to);
    }
  });

  it('allows exactly 7 transitions and refuses the other 35', () => {
    const allowed = ALL_PAIRS.filter(([from, command]) => nextIntentStatus(from, command) !== null);
    expect(allowed).toHaveLength(7);
    expect(ALL_PAIRS.length - allowed.length).toBe(35);
  });

  it('names the status and the command in the error', () => {
    let caught: unknown;
    try {
      applyIntentCommand('EXPIRED', 'Approve');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidIntentTransitionError);
    const error = caught as InvalidIntentTransitionError;
    expect(error.message).toBe('cannot Approve an intent that is EXPIRED');
    expect(error.name).toBe('InvalidIntentTransitionError');
    expect(error.from).toBe('EXPIRED');
    expect(error.command).toBe('Approve');
  });

  it('never leaves a terminal status', () => {
    for (const status of TERMINAL_INTENT_STATUSES) {
      for (const command of INTENT_COMMANDS) expect(nextIntentStatus(status, command)).toBeNull();
    }
  });

  it('never re-enters PENDING and never stays in place', () => {
    for (const [from, command] of ALL_PAIRS) {
      const to = nextIntentStatus(from, command);
      expect(to).not.toBe('PENDING');
      expect(to).not.toBe(from);
    }
  });
});

describe('statusesAllowing / targetStatus', () => {
  it.each<[IntentCommand, IntentStatus[], IntentStatus]>([
    ['Approve', ['PENDING'], 'APPROVED'],
    ['Reject', ['PENDING'], 'REJECTED'],
    ['Expire', ['PENDING'], 'EXPIRED'],
    ['StartExecution', ['APPROVED'], 'EXECUTING'],
    ['CompleteExecution', ['EXECUTING'], 'EXECUTED'],
    ['FailExecution', ['APPROVED', 'EXECUTING'], 'FAILED'],
  ])('%s starts from %j and leads to %s', (command, from, to) => {
    expect([...statusesAllowing(command)].sort()).toEqual([...from].sort());
    expect(targetStatus(command)).toBe(to);
  });

  it('agrees with nextIntentStatus for every pair', () => {
    for (const [from, command] of ALL_PAIRS) {
      const allowed = statusesAllowing(command).includes(from);
      expect(nextIntentStatus(from, command)).toBe(allowed ? targetStatus(command) : null);
    }
  });
});

describe('open and terminal groups', () => {
  it('splits the statuses into two disjoint groups covering all of them', () => {
    expect([...OPEN_INTENT_STATUSES].sort()).toEqual(['APPROVED', 'EXECUTING', 'PENDING']);
    expect([...TERMINAL_INTENT_STATUSES].sort()).toEqual(['EXECUTED', 'EXPIRED', 'FAILED', 'REJECTED']);
    expect([...OPEN_INTENT_STATUSES, ...TERMINAL_INTENT_STATUSES].sort()).toEqual([...INTENT_STATUSES].sort());
  });

  it.each(INTENT_STATUSES)('%s is open xor terminal', (status) => {
    expect(isOpenStatus(status)).toBe(OPEN_INTENT_STATUSES.includes(status));
    expect(isTerminalStatus(status)).toBe(!isOpenStatus(status));
  });

  it('an open status has a way out; a terminal one has none', () => {
    for (const status of INTENT_STATUSES) {
      const exits = INTENT_COMMANDS.filter((command) => nextIntentStatus(status, command) !== null);
      expect(exits.length > 0).toBe(isOpenStatus(status));
    }
  });
});
