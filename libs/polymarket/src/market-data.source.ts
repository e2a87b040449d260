import type { EventSnapshot, OrderBook } from '@polybot/domain';
import { compactBook, type CompactBook, type CompactBookLookup } from './book/compact-book';
import type { ClobBookClient } from './clob-books.client';
import type { GammaClient } from './gamma.client';
import type { GammaMarket } from './gamma.types';
import { forEachInTurns } from './event-loop-turns';
import { BOOK_RESYNC_OUTCOMES, type BookResync, type BookResyncOutcome } from './stream/local-books.store';
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
  /** On a full re-sync with a stream, what each REST book did to the stream's own (see LiveBooks.resyncBook); else null. */
  readonly resyncedBooks: Readonly<Record<BookResyncOutcome, number>> | null;
  readonly durationMs: number;
}

export interface FetchCycleOptions {
  readonly maxMarkets?: number;
  /**
   * Condition ids to include even when the open catalogue leaves them out (held positions whose
   * market closed or resolved). Closed ones come without books; open ones are quoted.
   */
  readonly watchConditionIds?: readonly string[];
  /** The books the market stream keeps live: such a token is not fetched over REST, unless `resyncBooks`. */
  readonly liveBooks?: LiveBooks;
  /** A full re-sync: every book is read over REST, and each is handed to the stream to correct its own. */
  readonly resyncBooks?: boolean;
}

/** What the cycle asks the market stream (MarketStream is one). */
export interface LiveBooks {
  isLive(tokenId: string): boolean;
  compactBook(tokenId: string): CompactBook | undefined;
  resyncBook(tokenId: string, rest: CompactBook): BookResync;
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
export function isBookable(market: Pick<GammaMarket, 'active' | 'closed' | 'enableOrderBook'>): boolean {
  return market.active && !market.closed && market.enableOrderBook;
}

/** Markets looked at per turn of the event loop while sorting tokens into live and REST books. */
const MARKETS_PER_TURN = 1_000;

/**
 * The bookable tokens of these markets, each once: those the stream keeps live, and the rest (to
 * fetch over REST). A slice of markets per turn of the event loop: 50,000 tokens took ~100 ms.
 */
async function splitByLiveness(lists: readonly (readonly GammaMarket[])[], liveBooks: LiveBooks | undefined): Promise<{ live: Set<string>; rest: string[] }> {
  const live = new Set<string>();
  const rest = new Set<string>();
  for (const markets of lists) {
    await forEachInTurns(markets, MARKETS_PER_TURN, (market) => {
      if (!isBookable(market)) return;
      for (const { tokenId } of market.tokens) {
        if (!live.has(tokenId) && !rest.has(tokenId)) (liveBooks?.isLive(tokenId) ? live : rest).add(tokenId);
      }
    });
  }
  return { live, rest: [...rest] };
}

/** Compacts each REST book and hands it to the stream (LiveBooks.resyncBook), counting what it did. */
function throughStream(stream: LiveBooks): { convert: (book: OrderBook) => CompactBook; counts: Record<BookResyncOutcome, number> } {
  const counts = Object.fromEntries(BOOK_RESYNC_OUTCOMES.map((outcome) => [outcome, 0])) as Record<BookResyncOutcome, number>;
  const convert = (book: OrderBook): CompactBook => {
    const taken = stream.resyncBook(book.tokenId, compactBook(book));
    counts[taken.outcome] += 1;
    return taken.book;
  };
  return { convert, counts };
}

interface FetchedBooks {
  readonly bookOf: CompactBookLookup;
  readonly books: number;
  readonly restBooks: number;
  readonly issues: string[];
  readonly resynced: Record<BookResyncOutcome, number> | null;
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
    const { live, rest } = await splitByLiveness([catalogue.markets, watched.markets], opts.resyncBooks ? undefined : opts.liveBooks);
    const fetched = await this.fetchBooks(live, rest, opts.liveBooks, opts.resyncBooks === true);
    const events = await buildEventSnapshots(catalogue.events, fetched.bookOf, this.now(), watched.markets);
    return {
      events,
      issues: [...catalogue.issues, ...watched.issues, ...fetched.issues],
      stats: {
        events: events.length,
        markets: events.reduce((sum, event) => sum + event.markets.length, 0),
        tokens: live.size + rest.length,
        books: fetched.books,
        restBooks: fetched.restBooks,
        watchedMarkets: watched.markets.length,
        resyncedBooks: fetched.resynced,
        durationMs: Math.round(performance.now() - started),
      },
    };
  }

  /**
   * REST books for the tokens the stream does not keep live, compacted as each batch arrives; the
   * live ones are read from the stream when the snapshots are built (its newest state), so no map of
   * every book of the universe is built. On a full re-sync each REST book goes through the stream
   * first, and the map keeps the book the stream then holds: one copy of each, not two.
   */
  private async fetchBooks(live: ReadonlySet<string>, rest: readonly string[], liveBooks: LiveBooks | undefined, resync: boolean): Promise<FetchedBooks> {
    const resyncing = resync && liveBooks ? throughStream(liveBooks) : null;
    const fetched = rest.length > 0 ? await this.options.books.fetchBooksAs(rest, resyncing?.convert ?? compactBook) : { books: new Map<string, CompactBook>(), issues: [] };
    const bookOf = (tokenId: string): CompactBook | undefined => fetched.books.get(tokenId) ?? (live.has(tokenId) ? liveBooks?.compactBook(tokenId) : undefined);
    return { bookOf, books: fetched.books.size + live.size, restBooks: rest.length, issues: fetched.issues, resynced: resyncing?.counts ?? null };
  }
}
