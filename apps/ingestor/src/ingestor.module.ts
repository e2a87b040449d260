import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { createMarketDataSource } from '@polybot/polymarket';
import { SETTINGS } from '@polybot/runtime';
import { IngestCycleService } from './ingest-cycle.service';
import { IngestLoop } from './ingest.loop';
import { MARKET_DATA_SOURCE } from './ingestor.tokens';
import { VenueCallBuffer } from './venue-call.buffer';

@Module({
  providers: [
    VenueCallBuffer,
    {
      provide: MARKET_DATA_SOURCE,
      inject: [SETTINGS, VenueCallBuffer],
      useFactory: (settings: Settings, recorder: VenueCallBuffer) =>
        createMarketDataSource({
          gammaUrl: settings.gammaApiUrl,
          clobUrl: settings.clobApiUrl,
          timeoutMs: settings.httpTimeoutMs,
          maxRetries: settings.httpMaxRetries,
          booksBatchSize: settings.booksBatchSize,
          gammaPageSize: settings.gammaPageSize,
          recorder,
        }),
    },
    IngestCycleService,
    IngestLoop,
  ],
})
export class IngestorModule {}
