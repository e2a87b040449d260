import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { formatKillSwitches } from '../format/kill-switch.format';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

const print = (text: string) => process.stdout.write(`${text}\n`);

export function registerKillSwitchCommands(program: Command, run: Run): void {
  const switches = program.command('kill-switches').description('list the kill switches, clear a tripped one');

  switches
    .command('list')
    .description('every kill switch: tripped or not, value, threshold, reason')
    .option('--json-output', 'print JSON instead of text')
    .action((opts: { jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const list = await (await ctx.killSwitchService()).list();
        print(opts.jsonOutput ? JSON.stringify(list, null, 2) : formatKillSwitches(list));
      }),
    );

  switches
    .command('clear <name>')
    .description('clear a tripped kill switch (e.g. DRAWDOWN) once its cause is understood')
    .option('--json-output', 'print JSON instead of text')
    .action((name: string, opts: { jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const cleared = await (await ctx.killSwitchService()).clear(name, 'cli');
        print(opts.jsonOutput ? JSON.stringify(cleared, null, 2) : `Cleared kill switch ${cleared.name}. New intents and orders are allowed again unless another switch is tripped.`);
      }),
    );
}
