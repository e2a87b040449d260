import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import {
  buildDailyReport,
  buildUniverseReport,
  InvalidReportWindowError,
  whenDatabaseIsUp,
  reportWindowFrom,
  type DailyReport,
  type UniverseReport,
} from '@polybot/intents';
import {
  AccountSnapshotRepository, ExecutionRepository, FillRepository, IntentRepository, KillSwitchRepository, MarketRepository,
} from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { CLOCK, SETTINGS, type Clock } from '@polybot/runtime';
import type { ReportQuery } from './report-request.schemas';

/** `GET /report` and `GET /universe`: the same reports as `polyb0t report` and `polyb0t universe`. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly intents: IntentRepository,
    private readonly executions: ExecutionRepository,
    private readonly fills: FillRepository,
    private readonly killSwitches: KillSwitchRepository,
    private readonly accounts: AccountSnapshotRepository,
    private readonly markets: MarketRepository,
    private readonly portfolio: PortfolioService,
  ) {}

  async daily(query: ReportQuery): Promise<DailyReport> {
    const now = new Date(this.clock());
    let window;
    try {
      window = reportWindowFrom(query, now);
    } catch (error) {
      if (error instanceof InvalidReportWindowError) throw new BadRequestException(error.message);
      throw error;
    }
    const sources = {
      settings: this.settings, intents: this.intents, executions: this.executions, fills: this.fills, killSwitches: this.killSwitches,
      accounts: this.accounts, portfolio: this.portfolio, now,
    };
    return whenDatabaseIsUp(() => buildDailyReport(sources, window));
  }

  async universe(): Promise<UniverseReport> {
    return whenDatabaseIsUp(() => buildUniverseReport({ settings: this.settings, markets: this.markets, now: new Date(this.clock()) }));
  }
}
