import type { Command } from 'commander';
import { CliError } from '../cli-context';

export interface ModeFlags {
  paper?: boolean;
  live?: boolean;
}

/**
 * --paper / --live: POLYBOT_MODE for this command. On `run` and `api` for the services they start,
 * and on the commands that read a ledger (status, report, intents), so each can be told the mode
 * of services started elsewhere instead of relying on the environment or .env to agree.
 */
export function withModeFlags(command: Command): Command {
  return command
    .option('--paper', 'paper trading (simulated fills)')
    .option('--live', 'live market data with the approval workflow (dry-run unless POLYBOT_DRY_RUN=false)');
}

/** The environment with POLYBOT_MODE set by the flag given, if any; settings are then loaded from it. */
export function envWithMode(env: NodeJS.ProcessEnv, flags: ModeFlags): NodeJS.ProcessEnv {
  if (flags.paper && flags.live) throw new CliError('choose one of --paper and --live', 2);
  if (flags.paper) return { ...env, POLYBOT_MODE: 'paper' };
  if (flags.live) return { ...env, POLYBOT_MODE: 'live' };
  return env;
}
