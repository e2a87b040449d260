import { ClobBookClient } from './clob-books.client';
import { GammaClient } from './gamma.client';
import type { VenueCallRecorder } from './http/venue-call.recorder';
import { VenueHttp } from './http/venue-http';
import type { VenueRateLimitOverrides } from './http/venue-rate-limits';
import type { VenueBackoffOptions } from './http/venue-retry.policy';
import { MarketDataSource } from './market-data.source';

export interface MarketDataSourceConfig {
  readonly gammaUrl: string;
  readonly clobUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly booksBatchSize: number;
  readonly gammaPageSize: number;
  /** Gamma pages requested ahead (GammaClient's pagesInFlight); its default when left out. */
  readonly gammaPagesInFlight?: number;
  readonly recorder: VenueCallRecorder;
  readonly limits?: VenueRateLimitOverrides;
  readonly backoff?: Partial<VenueBackoffOptions>;
  readonly now?: () => Date;
}

export interface MarketDataStack {
  readonly source: MarketDataSource;
  readonly gamma: GammaClient;
  readonly books: ClobBookClient;
  readonly http: VenueHttp;
}

/** The clients wired together, for callers that also want the parts (the executor needs `http`). */
export function createMarketDataStack(config: MarketDataSourceConfig): MarketDataStack {
  const http = new VenueHttp({
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    recorder: config.recorder,
    limits: config.limits,
    backoff: config.backoff,
  });
  const gamma = new GammaClient({ baseUrl: config.gammaUrl, http, pageSize: config.gammaPageSize, pagesInFlight: config.gammaPagesInFlight });
  const books = new ClobBookClient({ baseUrl: config.clobUrl, http, batchSize: config.booksBatchSize });
  return { source: new MarketDataSource({ gamma, books, now: config.now }), gamma, books, http };
}

export function createMarketDataSource(config: MarketDataSourceConfig): MarketDataSource {
  return createMarketDataStack(config).source;
}
