import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import {
  FillRepository,
  KillSwitchRepository,
  MarketRepository,
  PortfolioReadRepository,
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
      inject: [PortfolioReadRepository, FillRepository, MarketRepository, SETTINGS],
      useFactory: (reads: PortfolioReadRepository, fills: FillRepository, markets: MarketRepository, settings: Settings) =>
        new PortfolioService({ reads, fills, markets, settings }),
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
