import type { EventSnapshot } from '@polybot/domain';
import { isBookable } from '@polybot/polymarket';
import { Packr } from 'msgpackr';

/** What the stream keeps of an event between cycles: the event packed, and the keys it is found by. */
interface CatalogueEntry {
  readonly packed: Buffer;
  readonly conditionIds: readonly string[];
  readonly tokenIds: readonly string[];
  /** The tokens of its markets the cycle reads books for, which the stream follows. */
  readonly tradableTokenIds: readonly string[];
}

/**
 * The catalogue stream updates are built on: each event as the cycle last queued it, packed as
 * MessagePack outside V8's heap and unpacked only when the stream rebuilds it. As objects it was
 * about 40 MB of the ingestor's ~110 MB live heap at 50,000 tokens, which V8 lets grow to twice
 * before collecting (bench/README, "The stream's catalogue packed, with the cycle in slices").
 */
export class StreamCatalogue {
  // Shared record structures: each shape (event, market, quote) is described once for the whole
  // catalogue, not in every event. Only this instance can read what it packed, which is all it reads.
  private readonly packr = new Packr({ structures: [], useRecords: true });
  private readonly entries = new Map<string, CatalogueEntry>();
  private readonly eventOfToken = new Map<string, string>();

  get size(): number {
    return this.entries.size;
  }

  /** The event a token's market belongs to, if the catalogue holds it. */
  eventOf(tokenId: string): string | undefined {
    return this.eventOfToken.get(tokenId);
  }

  event(eventId: string): EventSnapshot | undefined {
    const entry = this.entries.get(eventId);
    return entry ? (this.packr.unpack(entry.packed) as EventSnapshot) : undefined;
  }

  /**
   * Takes these events, replacing what it held of them; packed into one buffer per call, so a
   * batch's events are one allocation that dies once the next cycle has replaced them all. Returns
   * the condition ids of the markets of the versions replaced (what was sent of them is moot).
   */
  take(events: readonly EventSnapshot[]): string[] {
    const packs = events.map((event) => this.packr.pack(event));
    const block = Buffer.concat(packs);
    const replaced: string[] = [];
    let offset = 0;
    events.forEach((event, i) => {
      const length = packs[i]!.length;
      const packed = block.subarray(offset, offset + length);
      offset += length;
      const before = this.entries.get(event.eventId);
      const entry = entryOf(event, packed, before);
      this.entries.set(event.eventId, entry);
      // Nearly always the same markets as before: then the keys stand as they are.
      if (before && before.tokenIds === entry.tokenIds && before.conditionIds === entry.conditionIds) return;
      if (before) replaced.push(...this.forget(event.eventId, before));
      for (const tokenId of entry.tokenIds) this.eventOfToken.set(tokenId, event.eventId);
    });
    return replaced;
  }

  /** Drops every event not in `kept`; returns the condition ids of their markets. */
  keepOnly(kept: ReadonlySet<string>): string[] {
    const dropped: string[] = [];
    for (const [eventId, entry] of this.entries) {
      if (kept.has(eventId)) continue;
      this.entries.delete(eventId);
      dropped.push(...this.forget(eventId, entry));
    }
    return dropped;
  }

  /** The tokens the stream should follow: those of every held market the cycle reads books for. */
  tradableTokenIds(): string[] {
    const tokenIds: string[] = [];
    for (const entry of this.entries.values()) for (const tokenId of entry.tradableTokenIds) tokenIds.push(tokenId);
    return tokenIds;
  }

  private forget(eventId: string, entry: CatalogueEntry): readonly string[] {
    for (const tokenId of entry.tokenIds) if (this.eventOfToken.get(tokenId) === eventId) this.eventOfToken.delete(tokenId);
    return entry.conditionIds;
  }
}

function entryOf(event: EventSnapshot, packed: Buffer, before: CatalogueEntry | undefined): CatalogueEntry {
  const tokenIds = event.markets.flatMap((market) => market.tokens.map((token) => token.tokenId));
  const conditionIds = event.markets.map((market) => market.conditionId);
  const tradable = event.markets.filter(isBookable);
  const tradableTokenIds = tradable.length === event.markets.length ? tokenIds : tradable.flatMap((market) => market.tokens.map((token) => token.tokenId));
  // The previous version's arrays where they hold the same ids: what the catalogue keeps of an
  // event between cycles stays the same objects, and `take` can tell nothing moved by identity.
  const same = (now: readonly string[], then: readonly string[] | undefined): readonly string[] => (then && sameIds(now, then) ? then : now);
  const keptTokenIds = same(tokenIds, before?.tokenIds);
  return {
    packed,
    conditionIds: same(conditionIds, before?.conditionIds),
    tokenIds: keptTokenIds,
    tradableTokenIds: tradableTokenIds === tokenIds ? keptTokenIds : same(tradableTokenIds, before?.tradableTokenIds),
  };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
