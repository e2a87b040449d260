import type { EventSnapshot, OrderBook } from '@polybot/domain';
import type { BooksFetch, ClobBookClient } from './clob-books.client';
import type { GammaClient } from './gamma.client';
import type { GammaMarket } from './gamma.types';
import { buildEventSnapshots } from './snapshot-builder';
import { fetchWatchedMarkets } from './watched-markets.fetcher';

export interface MarketDataCycleStats {
  readonly events: number;
  readonly markets: number;
  /** Tradable tokens, whose books were wanted. */
  readonly tokens: number;
  readonly books: number;
  /** Tokens whose book was fetched over REST this cycle (the rest were live from the stream). */
  readonly restBooks: number;
  /** Markets fetched because they were watched and missing from the open catalogue. */
  readonly watchedMarkets: number;
  readonly durationMs: number;
}

export interface FetchCycleOptions {
  readonly maxMarkets?: number;
  /**
   * Condition ids to include even when the open catalogue leaves them out (held positions whose
   * market closed or resolved). Closed ones come without books; open ones are quoted.
   */
  readonly watchConditionIds?: readonly string[];
  /**
   * A book the market stream keeps live, if any: such a token is not fetched over REST. Left out
   * for a full re-sync, when every book comes from REST.
   */
  readonly liveBook?: (tokenId: string) => OrderBook | undefined;
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

/** One ingest cycle: open events (and watched markets) from Gamma, books for their tradable tokens, normalized snapshots. */
export class MarketDataSource {
  private readonly now: () => Date;

  constructor(private readonly options: MarketDataSourceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async fetchCycle(opts: FetchCycleOptions = {}): Promise<MarketDataCycle> {
    const started = performance.now();
    const catalogue = await this.options.gamma.fetchOpenEvents({ maxMarkets: opts.maxMarkets });
    const watched = await fetchWatchedMarkets(this.options.gamma, catalogue.markets, opts.watchConditionIds ?? []);
    const markets = [...catalogue.markets, ...watched.markets];
    const tokenIds = [...new Set(markets.filter(isBookable).flatMap((market) => market.tokens.map((token) => token.tokenId)))];
    const fetched = await this.fetchBooks(tokenIds, opts.liveBook);
    const events = buildEventSnapshots(catalogue.events, fetched.books, this.now(), watched.markets);
    return {
      events,
      issues: [...catalogue.issues, ...watched.issues, ...fetched.issues],
      stats: {
        events: events.length,
        markets: events.reduce((sum, event) => sum + event.markets.length, 0),
        tokens: tokenIds.length,
        books: fetched.books.size,
        restBooks: fetched.restBooks,
        watchedMarkets: watched.markets.length,
        durationMs: Math.round(performance.now() - started),
      },
    };
  }

  private async fetchBooks(tokenIds: readonly string[], liveBook: FetchCycleOptions['liveBook']): Promise<BooksFetch & { restBooks: number }> {
    const live = new Map<string, OrderBook>();
    const rest: string[] = [];
    for (const tokenId of tokenIds) {
      const book = liveBook?.(tokenId);
      if (book) live.set(tokenId, book);
      else rest.push(tokenId);
    }
    const fetched = rest.length > 0 ? await this.options.books.fetchBooks(rest) : { books: new Map<string, OrderBook>(), issues: [] };
    for (const [tokenId, book] of live) fetched.books.set(tokenId, book);
    return { ...fetched, restBooks: rest.length };
  }
}
