import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import {
  AccountSnapshotRepository,
  ExecutionRepository,
  FillRepository,
  IntentRepository,
  KillSwitchRepository,
  MarketRepository,
  RiskCheckRepository,
} from '@polybot/persistence';
import { SETTINGS } from '@polybot/runtime';
import { IntentGate } from './intent-gate';
import { PortfolioService } from './portfolio.service';

/** PortfolioService and IntentGate for Nest services; expects PersistenceModule and RuntimeModule in the application. */
@Module({
  providers: [
    {
      provide: PortfolioService,
      inject: [FillRepository, IntentRepository, MarketRepository, ExecutionRepository, AccountSnapshotRepository, SETTINGS],
      useFactory: (
        fills: FillRepository,
        intents: IntentRepository,
        markets: MarketRepository,
        executions: ExecutionRepository,
        accounts: AccountSnapshotRepository,
        settings: Settings,
      ) => new PortfolioService({ fills, intents, markets, executions, accounts, settings }),
    },
    {
      provide: IntentGate,
      inject: [PortfolioService, MarketRepository, KillSwitchRepository, RiskCheckRepository, SETTINGS],
      useFactory: (portfolio: PortfolioService, markets: MarketRepository, killSwitches: KillSwitchRepository, riskChecks: RiskCheckRepository, settings: Settings) =>
        new IntentGate({ portfolio, markets, killSwitches, riskChecks, settings }),
    },
  ],
  exports: [PortfolioService, IntentGate],
})
export class PortfolioModule {}
