import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { loadSettings, needsLiveConfirmation, placesRealOrders } from '@polybot/config';
import { initDatabase } from '@polybot/persistence';
import { CliError } from '../cli-context';
import { SERVICES, ServiceSupervisor, type ServiceName } from '../process/service-supervisor';
import { envWithMode, withModeFlags, type ModeFlags } from './mode.flags';

const CONFIRMATION = 'place real orders';

/** Live orders need a person at start: typed at a prompt, or POLYBOT_CONFIRM_LIVE=yes for unattended starts. */
async function confirmLive(): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new CliError('POLYBOT_DRY_RUN=false would place real orders: set POLYBOT_CONFIRM_LIVE=yes for an unattended start, or start it from a terminal to confirm', 2);
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(`LIVE EXECUTION: approved intents will place REAL orders with real funds.\nType "${CONFIRMATION}" to continue: `);
  prompt.close();
  if (answer.trim() !== CONFIRMATION) throw new CliError('Live execution not confirmed; nothing started.', 2);
}

function parseServices(value: string | undefined, withApi: boolean): ServiceName[] {
  if (!value) return SERVICES.filter((name) => withApi || name !== 'api');
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SERVICES as readonly string[]).includes(name));
  if (unknown.length) throw new CliError(`--only: unknown service ${unknown.join(', ')}; expected any of ${SERVICES.join(', ')}`, 2);
  return names as ServiceName[];
}

export function registerRunCommands(program: Command): void {
  withModeFlags(program.command('run').description('run the whole pipeline on this machine, each service as its own process'))
    .option('--with-api', 'also start the REST API')
    .option('--only <services>', `comma-separated subset of ${SERVICES.join(',')}`)
    .action(async (opts: ModeFlags & { withApi?: boolean; only?: string }) => {
      // A copy: POLYBOT_CONFIRM_LIVE is added below for the services only.
      const env: NodeJS.ProcessEnv = { ...envWithMode(process.env, opts) };
      const settings = loadSettings(env);
      if (needsLiveConfirmation(settings)) {
        await confirmLive();
        env.POLYBOT_CONFIRM_LIVE = 'yes';
      }
      const db = await initDatabase(settings.databaseUrl);
      const services = parseServices(opts.only, Boolean(opts.withApi));
      process.stderr.write(
        `polyb0t: ${settings.mode} mode, ${placesRealOrders(settings) ? 'LIVE EXECUTION' : 'dry run (no orders are sent)'}; ` +
          `database ${db.migrationsRun.length ? `migrated (${db.migrationsRun.length})` : 'ready'}; starting ${services.join(', ')}\n`,
      );
      const supervisor = new ServiceSupervisor(env, (line) => process.stderr.write(`polyb0t: ${line}\n`));
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void supervisor.stop('SIGTERM'));
      supervisor.start(services);
      process.exitCode = await supervisor.done;
    });

  withModeFlags(program.command('api').description(`run the REST API (POLYBOT_API_HOST:POLYBOT_API_PORT)`))
    .action(async (opts: ModeFlags) => {
      const env = { ...envWithMode(process.env, opts) };
      loadSettings(env);
      const supervisor = new ServiceSupervisor(env, (line) => process.stderr.write(`polyb0t: ${line}\n`));
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void supervisor.stop('SIGTERM'));
      supervisor.start(['api']);
      process.exitCode = await supervisor.done;
    });
}
