import { Module } from '@nestjs/common';
import { IntentsModule } from '@polybot/intents';
import { PortfolioModule } from '@polybot/portfolio';
import { AccountSnapshotRecorder } from './account-snapshot.recorder';
import { ExitMonitor } from './exit.monitor';
import { IntentExpiryLoop } from './intent-expiry.loop';
import { KillSwitchMonitor } from './kill-switch.monitor';
import { MarketDataAgeService } from './market-data-age.service';
import { ProposeIntentsService } from './propose-intents.service';
import { RiskWorker } from './risk.worker';
import { SpreadBaselineStore } from './spread-baseline.store';
import { RiskStateService } from './state/risk-state.service';
import { SignalRecordWriter } from './state/signal-record.writer';

@Module({
  imports: [IntentsModule, PortfolioModule],
  providers: [
    RiskStateService,
    SignalRecordWriter,
    ProposeIntentsService,
    MarketDataAgeService,
    SpreadBaselineStore,
    AccountSnapshotRecorder,
    KillSwitchMonitor,
    ExitMonitor,
    IntentExpiryLoop,
    RiskWorker,
  ],
})
export class RiskModule {}
