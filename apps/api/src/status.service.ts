import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { buildStatusReport, whenDatabaseIsUp, type StatusReport } from '@polybot/intents';
import { AccountSnapshotRepository, IntentRepository, KillSwitchRepository, MarketRepository, SignalRepository } from '@polybot/persistence';
import { PortfolioService } from '@polybot/portfolio';
import { QueueProducer } from '@polybot/queues';
import { CLOCK, SETTINGS, type Clock } from '@polybot/runtime';

/**
 * `GET /status`: the same picture as `polyb0t status` (buildStatusReport), secrets masked. Redis
 * being down only blanks the queue part; without Postgres there is no status, so that is a 503.
 */
@Injectable()
export class StatusService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly intents: IntentRepository,
    private readonly markets: MarketRepository,
    private readonly signals: SignalRepository,
    private readonly killSwitches: KillSwitchRepository,
    private readonly accounts: AccountSnapshotRepository,
    private readonly portfolio: PortfolioService,
    private readonly queue: QueueProducer,
  ) {}

  async report(): Promise<StatusReport> {
    return whenDatabaseIsUp(() =>
      buildStatusReport({
        settings: this.settings,
        intents: this.intents,
        markets: this.markets,
        signals: this.signals,
        killSwitches: this.killSwitches,
        accounts: this.accounts,
        portfolio: this.portfolio,
        queue: this.queue,
        now: new Date(this.clock()),
      }),
    );
  }
}
