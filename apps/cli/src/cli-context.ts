import { loadSettings, secretValues, SettingsError, type Settings } from '@polybot/config';
import { IntentService, KillSwitchService, ServicesModeReader } from '@polybot/intents';
import { Logger } from '@nestjs/common';
import { createLogger, PinoNestLogger, type Logger as PinoLogger } from '@polybot/observability';
import {
  AccountSnapshotRepository,
  createDataSource,
  ExecutionRepository,
  FillRepository,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  RiskCheckRepository,
} from '@polybot/persistence';
import { IntentGate, PortfolioService } from '@polybot/portfolio';
import { createQueueHandles, type QueueHandles } from '@polybot/runtime';
import type { DataSource } from 'typeorm';


export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The handles one CLI command needs, opened lazily and closed once at the end. */
export class CliContext {
  readonly settings: Settings;
  readonly logger: PinoLogger;
  private dataSource: DataSource | null = null;
  private queueHandles: QueueHandles | null = null;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.settings = loadSettings(env);
    // Human output goes to stdout; the CLI's own structured logs go to stderr and only when they matter.
    this.logger = createLogger({ service: 'cli', level: 'warn', secrets: secretValues(this.settings), destination: process.stderr });
    // Nest's client libraries log through Nest's static logger: route it to ours, so only warnings show.
    Logger.overrideLogger(new PinoNestLogger(this.logger));
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

  async portfolio(): Promise<PortfolioService> {
    const db = await this.db();
    return new PortfolioService({
      fills: new FillRepository(db),
      intents: new IntentRepository(db),
      markets: new MarketRepository(db),
      executions: new ExecutionRepository(db),
      accounts: new AccountSnapshotRepository(db),
      settings: this.settings,
    });
  }

  async intentService(): Promise<IntentService> {
    const db = await this.db();
    const { queue, broadcast } = this.queues();
    const gate = new IntentGate({
      portfolio: await this.portfolio(),
      markets: new MarketRepository(db),
      killSwitches: new KillSwitchRepository(db),
      riskChecks: new RiskCheckRepository(db),
      settings: this.settings,
    });
    const servicesMode = new ServicesModeReader(new AccountSnapshotRepository(db), this.settings);
    return new IntentService({ intents: new IntentRepository(db), executions: new ExecutionRepository(db), queue, broadcast, logger: this.logger, gate, servicesMode });
  }

  async killSwitchService(): Promise<KillSwitchService> {
    const db = await this.db();
    return new KillSwitchService({ killSwitches: new KillSwitchRepository(db), settings: this.settings, broadcast: this.queues().broadcast, logger: this.logger });
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
