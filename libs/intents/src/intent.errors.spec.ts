import { IntentBlockedError, IntentNotFoundError, ServicesModeMismatchError } from './intent.errors';
import { UnknownKillSwitchError } from './kill-switch.errors';

describe('IntentActionError exit codes (how the CLI reports each)', () => {
  it('is 2 when the command must change (a misspelled switch, the other mode), 1 when the action failed', () => {
    expect(new UnknownKillSwitchError('DRAWDWN').exitCode).toBe(2);
    expect(new ServicesModeMismatchError('abc123', 'the running services trade in live mode').exitCode).toBe(2);
    expect(new IntentNotFoundError('abc123').exitCode).toBe(1);
    expect(new IntentBlockedError('abc123', 'approve', 'KILL_SWITCHES: halted').exitCode).toBe(1);
  });
});
