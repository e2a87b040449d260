import type { Command } from 'commander';
import { buildUniverseReport } from '@polybot/intents';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-context';
import { formatUniverse } from '../format/universe.format';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

export function registerUniverseCommand(program: Command, run: Run): void {
  program
    .command('universe')
    .description('the tradable universe now: stored open markets, what each filter excluded, the most liquid tradable ones')
    .option('--top <n>', 'how many tradable markets to list', '20')
    .option('--json-output', 'print JSON instead of text')
    .action((opts: { top: string; jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 0 || top > 1000) throw new CliError(`--top must be an integer from 0 to 1000, got "${opts.top}"`, 2);
        const report = await buildUniverseReport({ settings: ctx.settings, markets: await ctx.markets(), now: new Date() }, { top });
        process.stdout.write(`${opts.jsonOutput ? JSON.stringify(report, null, 2) : formatUniverse(report)}\n`);
      }),
    );
}
