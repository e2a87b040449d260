import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { createMarketDataSource, MarketStream } from '@polybot/polymarket';
import { SETTINGS, marketDataConfigFrom } from '@polybot/runtime';
import { IngestCycleService } from './ingest-cycle.service';
import { IngestLoop } from './ingest.loop';
import { MARKET_DATA_SOURCE, MARKET_STREAM } from './ingestor.tokens';
import { SnapshotPublisher } from './snapshot.publisher';
import { StreamSnapshotService } from './stream-snapshots.service';
import { VenueCallBuffer } from './venue-call.buffer';

@Module({
  providers: [
    VenueCallBuffer,
    {
      provide: MARKET_DATA_SOURCE,
      inject: [SETTINGS, VenueCallBuffer],
      useFactory: (settings: Settings, recorder: VenueCallBuffer) => createMarketDataSource(marketDataConfigFrom(settings, recorder)),
    },
    {
      provide: MARKET_STREAM,
      inject: [SETTINGS],
      useFactory: (settings: Settings): MarketStream | null =>
        settings.streaming ? new MarketStream({ url: `${settings.clobWsUrl}/market`, silenceMs: settings.wsSilenceSeconds * 1000 }) : null,
    },
    SnapshotPublisher,
    StreamSnapshotService,
    IngestCycleService,
    IngestLoop,
  ],
})
export class IngestorModule {}
