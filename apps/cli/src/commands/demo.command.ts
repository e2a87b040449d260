import { mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadSettings } from '@polybot/config';
import { intentJson } from '@polybot/intents';
import { initDatabase } from '@polybot/persistence';
import { CliContext, CliError } from '../cli-context';
import { formatExecution, formatIntent } from '../format/intent.format';
import { ServiceSupervisor } from '../process/service-supervisor';
import { startSimulatorProcess } from '../process/simulator-process';

const INJECT_EVERY_MS = 45_000;
const MAX_INJECTED = 20;

/**
 * The whole system on one machine against the local simulator, in dry run: a new neg-risk
 * mispricing every 45 s becomes an intent a person can approve from another terminal.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('simulator + the whole pipeline in dry run; approve intents from another terminal')
    .option('--events <n>', 'generated events in the simulator', '40')
    .option('--logs <file>', 'where the services write their JSON logs', 'tmp/demo/services.log')
    .action(async (opts: { events: string; logs: string }) => {
      const base = loadSettings();
      if (!base.dryRun) throw new CliError('the demo only runs in dry run: unset POLYBOT_DRY_RUN', 2);
      const sim = await startSimulatorProcess({ port: 0, seed: 42, events: Number(opts.events), tickMs: 1000 });
      const env: NodeJS.ProcessEnv = { ...process.env, ...sim.env, POLYBOT_MODE: 'live', POLYBOT_DRY_RUN: 'true' };
      const settings = loadSettings(env);
      await initDatabase(settings.databaseUrl);

      const logPath = resolve(opts.logs);
      mkdirSync(resolve(logPath, '..'), { recursive: true });
      const supervisor = new ServiceSupervisor(env, (line) => process.stdout.write(`demo: ${line}\n`), openSync(logPath, 'a'));
      supervisor.start(['ingestor', 'strategy', 'risk', 'executor', 'api']);

      const say = (text: string) => process.stdout.write(`${text}\n`);
      say(`polyb0t demo: dry run against the local simulator at ${sim.url}`);
      say(`  approve in a browser:  http://${settings.apiHost}:${settings.apiPort}/`);
      say(`  API:          http://${settings.apiHost}:${settings.apiPort}/intents`);
      say(`  service logs: ${logPath}`);
      // These services run live (dry run) whatever the other terminal's POLYBOT_MODE: --live says so there.
      say('  approve from another terminal:  npx polyb0t intents list   then   npx polyb0t intents approve <id> --live');
      say('  Ctrl-C stops everything.\n');

      let injected = 0;
      const inject = async () => {
        if (injected >= MAX_INJECTED) return;
        injected += 1;
        await fetch(`${sim.url}/_sim/scenario/mispricing`, { method: 'POST' }).catch(() => undefined);
      };
      await inject();
      const injector = setInterval(() => void inject(), INJECT_EVERY_MS);

      const watcher = new IntentWatcher(new CliContext(env), say);
      const watching = setInterval(() => void watcher.poll(), 1000);

      const stop = async () => {
        clearInterval(injector);
        clearInterval(watching);
        say('\npolyb0t demo: stopping');
        await supervisor.stop('SIGTERM');
        await sim.stop();
        await watcher.close();
      };
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
      process.exitCode = await supervisor.done;
    });
}

/** Prints each intent of this demo once when it appears, and again when its status changes. */
class IntentWatcher {
  private readonly seen = new Map<string, string>();
  /** Intents of an earlier run in the same database are not this demo's news. */
  private readonly since = Date.now();

  constructor(
    private readonly ctx: CliContext,
    private readonly say: (text: string) => void,
  ) {}

  async poll(): Promise<void> {
    try {
      const views = await (await this.ctx.intentService()).list({ all: true, limit: 50 });
      for (const view of views.reverse()) {
        const json = intentJson(view.intent, view.execution);
        if (view.intent.createdAt.getTime() < this.since) continue;
        const before = this.seen.get(json.id);
        if (before === json.status) continue;
        this.seen.set(json.id, json.status);
        if (before === undefined && json.status === 'PENDING') this.say(`New intent:\n${formatIntent(json, Date.now())}\n`);
        else if (before !== undefined) this.say(`Intent ${json.id} is now ${json.status}${json.execution ? ` (${formatExecution(json.execution)})` : ''}`);
      }
    } catch (error) {
      this.say(`demo: cannot read intents yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}
