import { loadSettings, secretValues, SettingsError, type Settings } from '@polybot/config';
import { IntentService } from '@polybot/intents';
import { createLogger, type Logger } from '@polybot/observability';
import { createDataSource, ExecutionRepository, IntentRepository, MarketRepository } from '@polybot/persistence';
import { createQueueHandles, type QueueHandles } from '@polybot/runtime';
import type { DataSource } from 'typeorm';

/** A settings problem is reported by the entry point with exit code 2, like every other service. */
export function settingsForCli(): Settings {
  return loadSettings();
}

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The handles one CLI command needs, opened lazily and closed once at the end. */
export class CliContext {
  readonly settings: Settings;
  readonly logger: Logger;
  private dataSource: DataSource | null = null;
  private queueHandles: QueueHandles | null = null;

  constructor() {
    this.settings = settingsForCli();
    // Human output goes to stdout; the CLI's own structured logs go to stderr and only when they matter.
    this.logger = createLogger({ service: 'cli', level: 'warn', secrets: secretValues(this.settings), destination: process.stderr });
  }

  async db(): Promise<DataSource> {
    if (!this.dataSource) {
      const dataSource = createDataSource(this.settings.databaseUrl);
      try {
        await dataSource.initialize();
      } catch (error) {
        throw new CliError(`cannot connect to the database (POLYBOT_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}; run \`polyb0t db init\` first if it does not exist`);
      }
      this.dataSource = dataSource;
    }
    return this.dataSource;
  }

  queues(): QueueHandles {
    this.queueHandles ??= createQueueHandles(this.settings, this.logger);
    return this.queueHandles;
  }

  async intentService(): Promise<IntentService> {
    const db = await this.db();
    const { queue, broadcast } = this.queues();
    return new IntentService({ intents: new IntentRepository(db), executions: new ExecutionRepository(db), queue, broadcast, logger: this.logger });
  }

  async markets(): Promise<MarketRepository> {
    return new MarketRepository(await this.db());
  }

  async close(): Promise<void> {
    await this.queueHandles?.close();
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }
}

export { SettingsError };
