import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { IntentActionError } from '@polybot/intents';
import { CliContext, CliError, SettingsError } from './cli-context';
import { registerDbCommands } from './commands/db.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerIntentCommands } from './commands/intents.command';
import { registerKillSwitchCommands } from './commands/kill-switches.command';
import { envWithMode, type ModeFlags } from './commands/mode.flags';
import { registerReportCommand } from './commands/report.command';
import { registerRunCommands } from './commands/run.command';
import { registerStatusCommand } from './commands/status.command';
import { registerUniverseCommand } from './commands/universe.command';

/** Exit codes: 0 ok, 1 the action failed, 2 bad usage or bad settings. */
function fail(error: unknown): never {
  if (error instanceof SettingsError) {
    process.stderr.write(`polyb0t: invalid settings:\n${error.message}\n`);
    process.exit(2);
  }
  // Errors that know what went wrong say so, and which exit code that is (2: the command must change).
  if (error instanceof CliError || error instanceof IntentActionError) {
    process.stderr.write(`polyb0t: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`polyb0t: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

/** The environment the command's settings come from: its --live/--paper, if it has them, set POLYBOT_MODE (set before its action). */
let commandEnv: NodeJS.ProcessEnv = process.env;

/** Runs one command with its own context, always closing connections so the process can exit. */
async function run(action: (ctx: CliContext) => Promise<void>): Promise<void> {
  let ctx: CliContext | null = null;
  try {
    ctx = new CliContext(commandEnv);
    await action(ctx);
  } catch (error) {
    await ctx?.close().catch(() => undefined);
    fail(error);
  }
  await ctx.close();
}

const program = new Command()
  .name('polyb0t')
  .description('Human-in-the-loop trading for Polymarket: proposes trade intents; nothing trades without your approval.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride()
  // optsWithGlobals: `intents` holds the flags for all its subcommands (`intents approve <id> --live`).
  .hook('preAction', (_program, command) => {
    commandEnv = envWithMode(process.env, command.optsWithGlobals<ModeFlags>());
  });

registerDbCommands(program, run);
registerRunCommands(program);
registerIntentCommands(program, run);
registerStatusCommand(program, run);
registerKillSwitchCommands(program, run);
registerReportCommand(program, run);
registerUniverseCommand(program, run);
registerDemoCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  fail(error);
});
