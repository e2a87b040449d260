import type { Command } from 'commander';
import { initDatabase, parseDatabaseUrl, redactPassword } from '@polybot/persistence';
import type { CliContext } from '../cli-context';

type Run = (action: (ctx: CliContext) => Promise<void>, opts?: { needsContext?: boolean }) => Promise<void>;

export function registerDbCommands(program: Command, run: Run): void {
  const db = program.command('db').description('database');
  db.command('init')
    .description('create the database if it does not exist and run pending migrations (safe to repeat)')
    .action(() =>
      run(async (ctx) => {
        const result = await initDatabase(ctx.settings.databaseUrl);
        const where = redactPassword(ctx.settings.databaseUrl, parseDatabaseUrl(ctx.settings.databaseUrl));
        process.stdout.write(
          `${result.created ? 'Created' : 'Found'} database at ${where}; ` +
            (result.migrationsRun.length ? `ran ${result.migrationsRun.length} migration(s): ${result.migrationsRun.join(', ')}\n` : 'schema is up to date.\n'),
        );
      }),
    );
}
