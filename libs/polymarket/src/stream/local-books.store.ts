import {
  applyBookSnapshot,
  applyPriceChanges,
  applyTickSizeChange,
  BookDeltaError,
  type BookLevelChange,
  type OrderBook,
} from '@polybot/domain';
import { compactBook, expandBook, sameMarketState, type CompactBook } from '../book/compact-book';
import type { MarketStreamEvent, StreamLevelChange, StreamMarketResolution } from './market-message.wire';

export interface AppliedEvent {
  /** Tokens whose book, tick size or market state changed. */
  readonly changed: string[];
  /** Tokens whose local book can no longer be trusted: they need a fresh `book` snapshot. */
  readonly resync: string[];
  readonly issues: string[];
}

/**
 * What a full re-sync's REST book did to the stream's local book of its token: it `matched` it (and
 * took its place, being at least as new), `corrected` it (the stream had drifted from the venue),
 * found it `newer_locally` (a change the read did not include: kept), or found no local book.
 */
export const BOOK_RESYNC_OUTCOMES = ['matched', 'corrected', 'newer_locally', 'not_held'] as const;
export type BookResyncOutcome = (typeof BOOK_RESYNC_OUTCOMES)[number];

export interface BookResync {
  /** The book to quote the token from now: the local one when it is newer, otherwise the REST one. */
  readonly book: CompactBook;
  readonly outcome: BookResyncOutcome;
}

/** A wire change is a level change with its asset id: grouped as they are, not copied (one per change, thousands a second). */
function groupByAsset(changes: readonly StreamLevelChange[]): Map<string, BookLevelChange[]> {
  const byAsset = new Map<string, BookLevelChange[]>();
  for (const change of changes) {
    const list = byAsset.get(change.assetId);
    if (list) list.push(change);
    else byAsset.set(change.assetId, [change]);
  }
  return byAsset;
}

/**
 * The subscription's own id string for a token the caller follows, undefined for one it does not.
 * Books are keyed by it rather than by the id parsed from a message, so 50,000 ids are held once.
 */
export type SubscribedId = (assetId: string) => string | undefined;

/**
 * The books of the subscribed tokens as the market channel described them (compact: see
 * CompactBook), when each token last heard from the venue, and the markets the channel reported
 * resolved. A delta expands the one book it touches, applies the domain's rules, and compacts it again.
 */
export class LocalBooks {
  private readonly books = new Map<string, CompactBook>();
  private readonly heardAt = new Map<string, number>();
  private readonly resolutions = new Map<string, StreamMarketResolution>();

  book(assetId: string): OrderBook | undefined {
    const book = this.books.get(assetId);
    return book && expandBook(assetId, book);
  }

  compactBook(assetId: string): CompactBook | undefined {
    return this.books.get(assetId);
  }

  /** Epoch ms our process received the newest message about the token. */
  lastMessageAt(assetId: string): number | undefined {
    return this.heardAt.get(assetId);
  }

  resolution(conditionId: string): StreamMarketResolution | undefined {
    return this.resolutions.get(conditionId);
  }

  get size(): number {
    return this.books.size;
  }

  /**
   * A full re-sync's REST book for a token (only followed tokens have a local book). The stream cannot see a change lost upstream of its
   * socket, and every later delta builds on the drifted book; a REST book at least as new as the
   * local one (by the venue's timestamps) therefore replaces it, so the re-sync corrects the stream,
   * not only the cycle's snapshot. A delta stamped before the read that arrives after it sets levels
   * to totals the read already had, and the channel's later deltas follow in order. A local book
   * newer than the read is kept. When it was heard is not touched: only the stream makes a book live.
   */
  resync(assetId: string, rest: CompactBook): BookResync {
    const local = this.books.get(assetId);
    if (!local) return { book: rest, outcome: 'not_held' };
    if (local[0]! > rest[0]!) return { book: local, outcome: 'newer_locally' };
    this.books.set(assetId, rest);
    return { book: rest, outcome: sameMarketState(local, rest) ? 'matched' : 'corrected' };
  }

  /** Forgets unsubscribed tokens: a book nobody updates would only go stale. */
  forget(assetIds: Iterable<string>): void {
    for (const assetId of assetIds) {
      this.books.delete(assetId);
      this.heardAt.delete(assetId);
    }
  }

  apply(event: MarketStreamEvent, receivedAt: number, subscribed: SubscribedId): AppliedEvent {
    switch (event.kind) {
      case 'book':
        return this.applySnapshot(event.book, receivedAt, subscribed);
      case 'price_change':
        return this.applyChanges(event.changes, event.timestamp, receivedAt, subscribed);
      case 'tick_size_change':
        return this.applyTickSize(event.assetId, event.newTickSize, event.timestamp, receivedAt, subscribed);
      case 'market_resolved': {
        this.resolutions.set(event.resolution.conditionId, event.resolution);
        const changed = event.resolution.assetIds.map((assetId) => subscribed(assetId)).filter((assetId): assetId is string => assetId !== undefined);
        for (const assetId of changed) this.heardAt.set(assetId, receivedAt);
        return { changed, resync: [], issues: [] };
      }
      default:
        return { changed: [], resync: [], issues: [] };
    }
  }

  private applySnapshot(snapshot: OrderBook, receivedAt: number, subscribed: SubscribedId): AppliedEvent {
    const assetId = subscribed(snapshot.tokenId);
    if (assetId === undefined) return { changed: [], resync: [], issues: [] };
    try {
      this.books.set(assetId, compactBook(applyBookSnapshot(this.book(assetId), snapshot)));
      this.heardAt.set(assetId, receivedAt);
      return { changed: [assetId], resync: [], issues: [] };
    } catch (error) {
      return this.distrust(assetId, error);
    }
  }

  private applyChanges(changes: readonly StreamLevelChange[], timestamp: number, receivedAt: number, subscribed: SubscribedId): AppliedEvent {
    const result: { changed: string[]; resync: string[]; issues: string[] } = { changed: [], resync: [], issues: [] };
    for (const [wireId, levels] of groupByAsset(changes)) {
      const assetId = subscribed(wireId);
      if (assetId === undefined) continue;
      const book = this.book(assetId);
      if (!book) {
        result.resync.push(assetId);
        result.issues.push(`book ${assetId}: price_change before any book snapshot; asked for one`);
        continue;
      }
      try {
        this.books.set(assetId, compactBook(applyPriceChanges(book, levels, timestamp)));
        this.heardAt.set(assetId, receivedAt);
        result.changed.push(assetId);
      } catch (error) {
        const distrusted = this.distrust(assetId, error);
        result.resync.push(...distrusted.resync);
        result.issues.push(...distrusted.issues);
      }
    }
    return result;
  }

  private applyTickSize(wireId: string, tick: number, timestamp: number, receivedAt: number, subscribed: SubscribedId): AppliedEvent {
    const assetId = subscribed(wireId);
    if (assetId === undefined) return { changed: [], resync: [], issues: [] };
    const book = this.book(assetId);
    if (!book) return { changed: [], resync: [assetId], issues: [`book ${assetId}: tick_size_change before any book snapshot; asked for one`] };
    try {
      this.books.set(assetId, compactBook(applyTickSizeChange(book, tick, timestamp)));
      this.heardAt.set(assetId, receivedAt);
      return { changed: [assetId], resync: [], issues: [] };
    } catch (error) {
      return this.distrust(assetId, error);
    }
  }

  /**
   * A book we cannot update is dropped (never quoted from) until a fresh snapshot arrives; that
   * snapshot, not the drop, reports the token as changed.
   */
  private distrust(assetId: string, error: unknown): AppliedEvent {
    if (!(error instanceof BookDeltaError)) throw error;
    this.books.delete(assetId);
    return { changed: [], resync: [assetId], issues: [`${error.message}; dropped the local book and asked for a fresh one`] };
  }
}
