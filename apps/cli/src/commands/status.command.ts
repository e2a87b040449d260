import type { Command } from 'commander';
import { buildStatusReport } from '@polybot/intents';
import { AccountSnapshotRepository, IntentRepository, KillSwitchRepository, MarketRepository, SignalRepository } from '@polybot/persistence';
import type { CliContext } from '../cli-context';
import { modeWarning } from '../format/mode-warning.format';
import { formatStatus } from '../format/status.format';
import { withModeFlags } from './mode.flags';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

export function registerStatusCommand(program: Command, run: Run): void {
  withModeFlags(
    program
      .command('status')
      .description('mode, equity and positions with P&L, exposure vs limits, the venue account, intents, kill switches, data age and queue depths'),
  )
    .option('--json-output', 'print JSON instead of text')
    .action((opts: { jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const db = await ctx.db();
        const report = await buildStatusReport({
          settings: ctx.settings,
          intents: new IntentRepository(db),
          markets: new MarketRepository(db),
          signals: new SignalRepository(db),
          killSwitches: new KillSwitchRepository(db),
          accounts: new AccountSnapshotRepository(db),
          portfolio: await ctx.portfolio(),
          queue: ctx.queues().queue,
          now: new Date(),
        });
        const warning = modeWarning(report.services_mode);
        if (opts.jsonOutput && warning) process.stderr.write(`polyb0t: ${warning}\n`);
        process.stdout.write(`${opts.jsonOutput ? JSON.stringify(report, null, 2) : formatStatus(report)}\n`);
      }),
    );
}
