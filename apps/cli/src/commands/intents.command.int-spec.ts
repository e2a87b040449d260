import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { createTestDatabase, IntentRepository, newIntent, type TestDatabase } from '@polybot/persistence';
import { CliContext, CliError } from '../cli-context';
import { registerIntentCommands } from './intents.command';

interface CliOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly error: unknown;
}

/** `polyb0t intents list` in-process, against a real Postgres and Redis, as main.ts wires it. */
describe('polyb0t intents list (real Postgres and Redis)', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { POLYBOT_DATABASE_URL: db.url, POLYBOT_QUEUE_PREFIX: `polybot-test-cli-${randomBytes(4).toString('hex')}` };
    const intents = new IntentRepository(db.dataSource);
    // Three open intents, one decided: 3 match by default, 4 with --all.
    for (let k = 0; k < 4; k += 1) {
      const created = await intents.createPending(newIntent({ createdAt: new Date(Date.UTC(2026, 0, 4, 20, 30, k)), expiresAt: new Date('2099-01-01T00:00:00Z') }), [], { actor: 'risk' });
      if (k === 0) await intents.transition(created!.id, 'Reject', { now: new Date(), actor: 'test' });
    }
  });
  afterAll(async () => db?.drop());

  async function list(...args: string[]): Promise<CliOutput> {
    const out: string[] = [];
    const err: string[] = [];
    let error: unknown = null;
    const program = new Command().exitOverride();
    registerIntentCommands(program, async (action) => {
      const ctx = new CliContext(env);
      try {
        await action(ctx);
      } catch (caught) {
        error = caught;
      } finally {
        await ctx.close();
      }
    });
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    try {
      await program.parseAsync(['intents', 'list', ...args], { from: 'user' });
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return { stdout: out.join(''), stderr: err.join(''), error };
  }

  const idsIn = (text: string) => text.match(/^Intent ID:\s+\S+$/gm) ?? [];

  it('says when more intents match than it shows, and how to see them', async () => {
    const cut = await list('--all', '--limit', '2');
    expect(cut.error).toBeNull();
    expect(idsIn(cut.stdout)).toHaveLength(2);
    expect(cut.stdout.trimEnd().split('\n').at(-1)).toBe('Showing the newest 2 of 4 intents; use --limit 4 to see them all.');

    const open = await list('--limit', '1');
    expect(idsIn(open.stdout)).toHaveLength(1);
    expect(open.stdout).toContain('Showing the newest 1 of 3 intents; use --limit 3 to see them all.');
  });

  it('says nothing more when the list holds every match', async () => {
    const whole = await list('--all');
    expect(idsIn(whole.stdout)).toHaveLength(4);
    expect(whole.stdout).not.toContain('Showing');
    expect((await list('--status', 'REJECTED', '--limit', '1')).stdout).not.toContain('Showing');
    expect((await list('--status', 'FAILED')).stdout).toBe('No intents yet.\n');
  });

  it('keeps --json-output a bare array and says it on stderr', async () => {
    const cut = await list('--all', '--limit', '3', '--json-output');
    expect(JSON.parse(cut.stdout)).toHaveLength(3);
    expect(cut.stderr).toBe('Showing the newest 3 of 4 intents; use --limit 4 to see them all.\n');
    const whole = await list('--all', '--json-output');
    expect(JSON.parse(whole.stdout)).toHaveLength(4);
    expect(whole.stderr).toBe('');
  });

  it('accepts exactly the range the repository returns: 1 to 1000', async () => {
    expect((await list('--all', '--limit', '1000')).error).toBeNull();
    for (const bad of ['0', '1001', '10000', '2.5', 'ten']) {
      const { error } = await list('--all', '--limit', bad);
      expect(error).toBeInstanceOf(CliError);
      expect(error).toMatchObject({ exitCode: 2, message: `--limit must be an integer from 1 to 1000, got "${bad}"` });
    }
  });
});
