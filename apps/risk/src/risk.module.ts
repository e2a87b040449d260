import { Module } from '@nestjs/common';
import { IntentsModule } from '@polybot/intents';
import { IntentExpiryLoop } from './intent-expiry.loop';
import { MarketDataAgeService } from './market-data-age.service';
import { ProposeIntentsService } from './propose-intents.service';
import { RiskWorker } from './risk.worker';

@Module({
  imports: [IntentsModule],
  providers: [ProposeIntentsService, MarketDataAgeService, IntentExpiryLoop, RiskWorker],
})
export class RiskModule {}
