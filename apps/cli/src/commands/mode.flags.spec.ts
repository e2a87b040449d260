import { Command } from 'commander';
import { CliError } from '../cli-context';
import { envWithMode, withModeFlags, type ModeFlags } from './mode.flags';

/** How main.ts reads the flags: the action's command with its parents' options (`intents` holds them for its subcommands). */
function flagsOf(args: string[]): ModeFlags {
  let seen: ModeFlags = {};
  const program = new Command().exitOverride();
  withModeFlags(program.command('status')).action((_opts, command: Command) => {
    seen = command.optsWithGlobals();
  });
  const intents = withModeFlags(program.command('intents'));
  intents.command('approve <id>').action((_id, _opts, command: Command) => {
    seen = command.optsWithGlobals();
  });
  program.parse(args, { from: 'user' });
  return seen;
}

describe('--live / --paper', () => {
  it('are read on status and on every intents subcommand, before or after its arguments', () => {
    expect(flagsOf(['status', '--live'])).toMatchObject({ live: true });
    expect(flagsOf(['intents', 'approve', 'abc123', '--live'])).toMatchObject({ live: true });
    expect(flagsOf(['intents', '--paper', 'approve', 'abc123'])).toMatchObject({ paper: true });
    expect(flagsOf(['intents', 'approve', 'abc123'])).toEqual({});
  });

  it('set POLYBOT_MODE over the environment, leave it alone without a flag, and refuse both at once (exit 2)', () => {
    const env = { POLYBOT_MODE: 'paper', OTHER: 'kept' };
    expect(envWithMode(env, { live: true })).toEqual({ POLYBOT_MODE: 'live', OTHER: 'kept' });
    expect(envWithMode({ POLYBOT_MODE: 'live' }, { paper: true })).toEqual({ POLYBOT_MODE: 'paper' });
    expect(envWithMode(env, {})).toBe(env);
    expect(env.POLYBOT_MODE).toBe('paper');
    expect(() => envWithMode(env, { live: true, paper: true })).toThrow(new CliError('choose one of --paper and --live', 2));
    try {
      envWithMode(env, { live: true, paper: true });
    } catch (error) {
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});
