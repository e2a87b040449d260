import type { EventSnapshot, OrderBook } from '@polybot/domain';
import { compactBook, type CompactBook, type CompactBookLookup } from './book/compact-book';
import type { ClobBookClient } from './clob-books.client';
import type { GammaClient } from './gamma.client';
import type { GammaEvent, GammaMarket } from './gamma.types';
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
  /** Markets per slice of `cycleChunks` (MARKETS_PER_CHUNK unless set); a slice ends on a Gamma page's end. */
  readonly marketsPerChunk?: number;
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

/** One slice of a cycle (see MarketDataSource.cycleChunks); its stats count that slice alone. */
export type MarketDataChunk = MarketDataCycle;

/** Two slices' stats as one: what a cycle read in all. */
export function addCycleStats(a: MarketDataCycleStats, b: MarketDataCycleStats): MarketDataCycleStats {
  const resynced = a.resyncedBooks && b.resyncedBooks ? (Object.fromEntries(BOOK_RESYNC_OUTCOMES.map((outcome) => [outcome, a.resyncedBooks![outcome] + b.resyncedBooks![outcome]])) as Record<BookResyncOutcome, number>) : (a.resyncedBooks ?? b.resyncedBooks);
  return {
    events: a.events + b.events,
    markets: a.markets + b.markets,
    tokens: a.tokens + b.tokens,
    books: a.books + b.books,
    restBooks: a.restBooks + b.restBooks,
    watchedMarkets: a.watchedMarkets + b.watchedMarkets,
    resyncedBooks: resynced,
    durationMs: a.durationMs + b.durationMs,
  };
}

export const NO_CYCLE_STATS: MarketDataCycleStats = { events: 0, markets: 0, tokens: 0, books: 0, restBooks: 0, watchedMarkets: 0, resyncedBooks: null, durationMs: 0 };

/**
 * Markets of Gamma's catalogue taken into one slice of a cycle: big enough that its REST books go
 * out as several concurrent batches and the store writes full chunks, small enough that a slice's
 * Gamma objects and snapshots are a few MB.
 */
export const MARKETS_PER_CHUNK = 2_000;

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

/**
 * The watched markets that belong with these open events: those the open catalogue lists itself are
 * dropped (its own copy is newer to the cycle), those of an event here join it. Both leave `unplaced`.
 */
function placeIn(events: readonly GammaEvent[], unplaced: Map<string, GammaMarket>): GammaMarket[] {
  if (unplaced.size === 0) return [];
  const eventIds = new Set(events.map((event) => event.id));
  for (const event of events) for (const market of event.markets) unplaced.delete(market.conditionId);
  const joining = [...unplaced.values()].filter((market) => market.event !== null && market.event !== undefined && eventIds.has(market.event.id));
  for (const market of joining) unplaced.delete(market.conditionId);
  return joining;
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

  /** A whole cycle at once (see cycleChunks, which the ingestor uses to never hold all of it). */
  async fetchCycle(opts: FetchCycleOptions = {}): Promise<MarketDataCycle> {
    const events: EventSnapshot[] = [];
    const issues: string[] = [];
    let stats = NO_CYCLE_STATS;
    for await (const chunk of this.cycleChunks(opts)) {
      events.push(...chunk.events);
      issues.push(...chunk.issues);
      stats = addCycleStats(stats, chunk.stats);
    }
    return { events, issues, stats };
  }

  /**
   * A cycle a slice at a time: about MARKETS_PER_CHUNK markets of Gamma's pages, their books and
   * their snapshots, handed over before the next slice is decoded, so the caller can store and queue
   * each and the universe is never held as Gamma's objects and snapshots at once. Watched markets
   * join their event's slice when the open catalogue has the event, or come in a last slice of their own.
   * A slice's `durationMs` is the time spent reading it, not the caller's time with the one before.
   */
  async *cycleChunks(opts: FetchCycleOptions = {}): AsyncGenerator<MarketDataChunk> {
    let started = performance.now();
    // Asked for by every held condition id, open or not: which are open is known only at the last page.
    const watched = await fetchWatchedMarkets(this.options.gamma, [], opts.watchConditionIds ?? []);
    const unplaced = new Map(watched.markets.map((market) => [market.conditionId, market]));
    let issues = [...watched.issues];
    let gathered: GammaEvent[] = [];
    let markets = 0;
    const marketsPerChunk = opts.marketsPerChunk ?? MARKETS_PER_CHUNK;
    const take = async (events: GammaEvent[], loose: GammaMarket[]): Promise<MarketDataChunk> => {
      const chunk = await this.chunk(events, loose, issues, opts);
      issues = [];
      return { ...chunk, stats: { ...chunk.stats, durationMs: Math.round(performance.now() - started) } };
    };
    for await (const page of this.options.gamma.openEventPages({ maxMarkets: opts.maxMarkets })) {
      issues.push(...page.issues);
      gathered.push(...page.events);
      markets += page.markets.length;
      if (markets < marketsPerChunk) continue;
      yield await take(gathered, placeIn(gathered, unplaced));
      started = performance.now();
      gathered = [];
      markets = 0;
    }
    const lastOpen = placeIn(gathered, unplaced);
    if (gathered.length > 0 || unplaced.size > 0 || issues.length > 0) yield await take(gathered, [...lastOpen, ...unplaced.values()]);
  }

  private async chunk(events: readonly GammaEvent[], loose: readonly GammaMarket[], issues: readonly string[], opts: FetchCycleOptions): Promise<MarketDataChunk> {
    const { live, rest } = await splitByLiveness([events.flatMap((event) => event.markets), loose], opts.resyncBooks ? undefined : opts.liveBooks);
    const fetched = await this.fetchBooks(live, rest, opts.liveBooks, opts.resyncBooks === true);
    const built = await buildEventSnapshots(events, fetched.bookOf, this.now(), loose);
    return {
      events: built,
      issues: [...issues, ...fetched.issues],
      stats: {
        events: built.length,
        markets: built.reduce((sum, event) => sum + event.markets.length, 0),
        tokens: live.size + rest.length,
        books: fetched.books,
        restBooks: fetched.restBooks,
        watchedMarkets: loose.length,
        resyncedBooks: fetched.resynced,
        durationMs: 0,
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
