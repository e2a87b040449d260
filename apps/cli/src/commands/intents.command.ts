import type { Command } from 'commander';
import { INTENT_STATUSES, type IntentStatus } from '@polybot/domain';
import { intentJson } from '@polybot/intents';
import { DEFAULT_INTENT_LIST_LIMIT, MAX_INTENT_LIST_LIMIT } from '@polybot/persistence';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-context';
import { formatIntent, formatIntentList, formatListShortfall } from '../format/intent.format';
import { withModeFlags } from './mode.flags';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

function parseStatus(value: string): IntentStatus {
  const status = value.toUpperCase();
  if (!(INTENT_STATUSES as readonly string[]).includes(status)) {
    throw new CliError(`--status must be one of ${INTENT_STATUSES.join(', ')}, got "${value}"`, 2);
  }
  return status as IntentStatus;
}

const print = (text: string) => process.stdout.write(`${text}\n`);

export function registerIntentCommands(program: Command, run: Run): void {
  // The mode flags are the group's (approval re-checks risk against that mode's ledger); each subcommand's help lists them.
  const intents = withModeFlags(program.command('intents').description('list, approve, reject and expire trade intents')).configureHelp({ showGlobalOptions: true });

  intents
    .command('list')
    .description('pending intents (all intents with --all)')
    .option('--all', 'include decided, executed and expired intents')
    .option('--status <status>', 'only intents with this status')
    .option('--limit <n>', `at most this many, newest first (1 to ${MAX_INTENT_LIST_LIMIT})`, String(DEFAULT_INTENT_LIST_LIMIT))
    .option('--json-output', 'print JSON instead of text')
    .action((opts: { all?: boolean; status?: string; limit: string; jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INTENT_LIST_LIMIT) {
          throw new CliError(`--limit must be an integer from 1 to ${MAX_INTENT_LIST_LIMIT}, got "${opts.limit}"`, 2);
        }
        const service = await ctx.intentService();
        const { views, total } = await service.listWithTotal({ all: opts.all, status: opts.status ? parseStatus(opts.status) : undefined, limit });
        const json = views.map((view) => intentJson(view.intent, view.execution));
        print(opts.jsonOutput ? JSON.stringify(json, null, 2) : formatIntentList(json, Date.now(), Boolean(opts.all || opts.status)));
        // After the list, where it is seen; on stderr with JSON, which stays a bare array.
        const shortfall = formatListShortfall(views.length, total, limit, MAX_INTENT_LIST_LIMIT);
        if (shortfall) (opts.jsonOutput ? process.stderr : process.stdout).write(`${shortfall}\n`);
      }),
    );

  intents
    .command('show <id>')
    .description('one intent, with its risk checks and execution')
    .option('--json-output', 'print JSON instead of text')
    .action((id: string, opts: { jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const view = await (await ctx.intentService()).get(id);
        const json = intentJson(view.intent, view.execution);
        print(opts.jsonOutput ? JSON.stringify(json, null, 2) : formatIntent(json, Date.now()));
      }),
    );

  intents
    .command('approve <id>')
    .description('approve a PENDING intent (full id or a unique prefix of 6+ characters)')
    .option('--json-output', 'print JSON instead of text')
    .action((id: string, opts: { jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const intent = await (await ctx.intentService()).approve(id, 'cli');
        const dryRun = ctx.settings.mode !== 'live' || ctx.settings.dryRun;
        print(
          opts.jsonOutput
            ? JSON.stringify(intentJson(intent), null, 2)
            : `Approved intent ${intent.id}: ${intent.side} ${intent.outcome} at ${intent.price} for $${intent.sizeUsd.toFixed(2)}.` +
                (dryRun ? ' Dry run: the executor records the order without sending it.' : ' The executor will place the order.'),
        );
      }),
    );

  intents
    .command('reject <id>')
    .description('reject a PENDING intent')
    .option('--reason <text>', 'why, kept with the intent', 'rejected by operator')
    .option('--json-output', 'print JSON instead of text')
    .action((id: string, opts: { reason: string; jsonOutput?: boolean }) =>
      run(async (ctx) => {
        const intent = await (await ctx.intentService()).reject(id, 'cli', opts.reason);
        print(opts.jsonOutput ? JSON.stringify(intentJson(intent), null, 2) : `Rejected intent ${intent.id}.`);
      }),
    );

  intents
    .command('expire')
    .description('expire every PENDING intent past its expiry now')
    .action(() =>
      run(async (ctx) => {
        const expired = await (await ctx.intentService()).expireDue('cli');
        print(expired.length ? `Expired ${expired.length} intent(s): ${expired.map((i) => i.id).join(', ')}` : 'No pending intent was past its expiry.');
      }),
    );
}
