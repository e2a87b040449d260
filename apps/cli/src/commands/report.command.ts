import type { Command } from 'commander';
import { buildDailyReport, InvalidReportWindowError, reportWindowFrom } from '@polybot/intents';
import { AccountSnapshotRepository, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository } from '@polybot/persistence';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-context';
import { modeWarning } from '../format/mode-warning.format';
import { formatDailyReport } from '../format/report.format';
import { withModeFlags } from './mode.flags';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

interface ReportOptions {
  today?: boolean;
  since?: string;
  until?: string;
  jsonOutput?: boolean;
}

export function registerReportCommand(program: Command, run: Run): void {
  withModeFlags(
    program.command('report').description('intents, approvals, executions, fills, fees and P&L over a period (default: today, from 00:00 UTC)'),
  )
    .option('--today', 'from 00:00 UTC today to now (the default)')
    .option('--since <iso>', 'start of the period, ISO-8601 (a bare date is 00:00 UTC)')
    .option('--until <iso>', 'end of the period, exclusive (default: now)')
    .option('--json-output', 'print JSON instead of text')
    .action((opts: ReportOptions) =>
      run(async (ctx) => {
        if (opts.today && (opts.since || opts.until)) throw new CliError('--today cannot be combined with --since or --until', 2);
        const now = new Date();
        let window;
        try {
          window = reportWindowFrom({ since: opts.since, until: opts.until }, now);
        } catch (error) {
          if (error instanceof InvalidReportWindowError) throw new CliError(error.message, 2);
          throw error;
        }
        const db = await ctx.db();
        const report = await buildDailyReport(
          {
            settings: ctx.settings,
            intents: new IntentRepository(db),
            executions: new ExecutionRepository(db),
            fills: new FillRepository(db),
            killSwitches: new KillSwitchRepository(db),
            accounts: new AccountSnapshotRepository(db),
            portfolio: await ctx.portfolio(),
            now,
          },
          window,
        );
        const warning = modeWarning(report.services_mode);
        if (opts.jsonOutput && warning) process.stderr.write(`polyb0t: ${warning}\n`);
        process.stdout.write(`${opts.jsonOutput ? JSON.stringify(report, null, 2) : formatDailyReport(report)}\n`);
      }),
    );
}
