import {
  applyBookSnapshot,
  applyPriceChanges,
  applyTickSizeChange,
  BookDeltaError,
  type BookLevelChange,
  type OrderBook,
} from '@polybot/domain';
import type { MarketStreamEvent, StreamLevelChange, StreamMarketResolution } from './market-message.wire';

export interface AppliedEvent {
  /** Tokens whose book, tick size or market state changed. */
  readonly changed: string[];
  /** Tokens whose local book can no longer be trusted: they need a fresh `book` snapshot. */
  readonly resync: string[];
  readonly issues: string[];
}

function groupByAsset(changes: readonly StreamLevelChange[]): Map<string, BookLevelChange[]> {
  const byAsset = new Map<string, BookLevelChange[]>();
  for (const { assetId, side, price, size } of changes) {
    const list = byAsset.get(assetId) ?? [];
    list.push({ side, price, size });
    byAsset.set(assetId, list);
  }
  return byAsset;
}

/**
 * The books of the subscribed tokens as the market channel described them, when each token last
 * heard from the venue, and the markets the channel reported resolved.
 */
export class LocalBooks {
  private readonly books = new Map<string, OrderBook>();
  private readonly heardAt = new Map<string, number>();
  private readonly resolutions = new Map<string, StreamMarketResolution>();

  book(assetId: string): OrderBook | undefined {
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

  /** Forgets unsubscribed tokens: a book nobody updates would only go stale. */
  forget(assetIds: Iterable<string>): void {
    for (const assetId of assetIds) {
      this.books.delete(assetId);
      this.heardAt.delete(assetId);
    }
  }

  apply(event: MarketStreamEvent, receivedAt: number, subscribed: (assetId: string) => boolean): AppliedEvent {
    switch (event.kind) {
      case 'book':
        return this.applySnapshot(event.book, receivedAt, subscribed);
      case 'price_change':
        return this.applyChanges(event.changes, event.timestamp, receivedAt, subscribed);
      case 'tick_size_change':
        return this.applyTickSize(event.assetId, event.newTickSize, event.timestamp, receivedAt, subscribed);
      case 'market_resolved': {
        this.resolutions.set(event.resolution.conditionId, event.resolution);
        const changed = event.resolution.assetIds.filter(subscribed);
        for (const assetId of changed) this.heardAt.set(assetId, receivedAt);
        return { changed, resync: [], issues: [] };
      }
      default:
        return { changed: [], resync: [], issues: [] };
    }
  }

  private applySnapshot(snapshot: OrderBook, receivedAt: number, subscribed: (assetId: string) => boolean): AppliedEvent {
    if (!subscribed(snapshot.tokenId)) return { changed: [], resync: [], issues: [] };
    try {
      this.books.set(snapshot.tokenId, applyBookSnapshot(this.books.get(snapshot.tokenId), snapshot));
      this.heardAt.set(snapshot.tokenId, receivedAt);
      return { changed: [snapshot.tokenId], resync: [], issues: [] };
    } catch (error) {
      return this.distrust(snapshot.tokenId, error);
    }
  }

  private applyChanges(changes: readonly StreamLevelChange[], timestamp: number, receivedAt: number, subscribed: (assetId: string) => boolean): AppliedEvent {
    const result: { changed: string[]; resync: string[]; issues: string[] } = { changed: [], resync: [], issues: [] };
    for (const [assetId, levels] of groupByAsset(changes)) {
      if (!subscribed(assetId)) continue;
      const book = this.books.get(assetId);
      if (!book) {
        result.resync.push(assetId);
        result.issues.push(`book ${assetId}: price_change before any book snapshot; asked for one`);
        continue;
      }
      const hash = changes.filter((change) => change.assetId === assetId).at(-1)?.hash ?? undefined;
      try {
        this.books.set(assetId, applyPriceChanges(book, levels, timestamp, hash));
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

  private applyTickSize(assetId: string, tick: number, timestamp: number, receivedAt: number, subscribed: (assetId: string) => boolean): AppliedEvent {
    if (!subscribed(assetId)) return { changed: [], resync: [], issues: [] };
    const book = this.books.get(assetId);
    if (!book) return { changed: [], resync: [assetId], issues: [`book ${assetId}: tick_size_change before any book snapshot; asked for one`] };
    try {
      this.books.set(assetId, applyTickSizeChange(book, tick, timestamp));
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
