import type { EventSnapshot } from '@polybot/domain';
import type { ClobBookClient } from './clob-books.client';
import type { GammaClient } from './gamma.client';
import type { GammaMarket } from './gamma.types';
import { buildEventSnapshots } from './snapshot-builder';

export interface MarketDataCycleStats {
  readonly events: number;
  readonly markets: number;
  /** Tokens whose books were asked for. */
  readonly tokens: number;
  readonly books: number;
  readonly durationMs: number;
}

export interface MarketDataCycle {
  readonly events: EventSnapshot[];
  readonly issues: string[];
  readonly stats: MarketDataCycleStats;
}

export interface MarketDataSourceOptions {
  readonly gamma: GammaClient;
  readonly books: ClobBookClient;
  readonly now?: () => Date;
}

/** Only these markets have a live book worth paying rate limit for. */
export function isBookable(market: GammaMarket): boolean {
  return market.active && !market.closed && market.enableOrderBook;
}

/** One ingest cycle: open events from Gamma, books for their tradable tokens, normalized snapshots. */
export class MarketDataSource {
  private readonly now: () => Date;

  constructor(private readonly options: MarketDataSourceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async fetchCycle(opts: { readonly maxMarkets?: number } = {}): Promise<MarketDataCycle> {
    const started = performance.now();
    const catalogue = await this.options.gamma.fetchOpenEvents({ maxMarkets: opts.maxMarkets });
    const tokenIds = [...new Set(catalogue.markets.filter(isBookable).flatMap((market) => market.tokens.map((token) => token.tokenId)))];
    const fetched = tokenIds.length > 0 ? await this.options.books.fetchBooks(tokenIds) : { books: new Map(), issues: [] };
    const events = buildEventSnapshots(catalogue.events, fetched.books, this.now());
    return {
      events,
      issues: [...catalogue.issues, ...fetched.issues],
      stats: {
        events: events.length,
        markets: events.reduce((sum, event) => sum + event.markets.length, 0),
        tokens: tokenIds.length,
        books: fetched.books.size,
        durationMs: Math.round(performance.now() - started),
      },
    };
  }
}
