import { emptyQuote, type EventSnapshot, type MarketSnapshot } from '@polybot/domain';
import { compactMinOrderSize, compactNegRisk, compactQuote, compactTickSize, firstStated, type CompactBookLookup } from './book/compact-book';
import { forEachInTurns } from './event-loop-turns';
import type { GammaEvent, GammaMarket } from './gamma.types';

/** Used only when neither the book nor Gamma states them: the venue's most common values. */
export const FALLBACK_TICK_SIZE = 0.01;
export const FALLBACK_MIN_ORDER_SIZE = 5;

function unique(labels: readonly string[]): string[] {
  return [...new Set(labels)];
}

/** Markets fetched from `/markets` join the event Gamma nests in them, or stand alone as `market:<id>`. */
function groupLooseMarkets(events: readonly GammaEvent[], looseMarkets: readonly GammaMarket[]): GammaEvent[] {
  const grouped = new Map<string, GammaEvent>(events.map((event) => [event.id, event]));
  for (const market of looseMarkets) {
    const ref = market.event;
    const eventId = ref?.id ?? `market:${market.id}`;
    const existing = grouped.get(eventId);
    if (existing) {
      if (!existing.markets.some((known) => known.id === market.id)) grouped.set(eventId, { ...existing, markets: [...existing.markets, market] });
      continue;
    }
    grouped.set(eventId, {
      id: eventId,
      slug: ref ? ref.slug : market.slug || null,
      title: ref ? ref.title : market.question || null,
      negRisk: ref ? ref.negRisk : market.negRisk,
      tags: ref ? ref.tags : [],
      markets: [market],
    });
  }
  return [...grouped.values()];
}

function marketSnapshot(event: GammaEvent, market: GammaMarket, bookOf: CompactBookLookup, fetchedAt: string): MarketSnapshot {
  const books = market.tokens.map((token) => bookOf(token.tokenId));
  // The venue changes tick sizes near 0.04/0.96, so the book's beats Gamma's.
  const bookTick = firstStated(books, compactTickSize);
  const bookMinSize = firstStated(books, compactMinOrderSize);
  const tags = unique([...event.tags, ...market.tags]);
  return {
    marketId: market.id,
    conditionId: market.conditionId,
    question: market.question,
    slug: market.slug,
    eventId: event.id,
    eventSlug: event.slug,
    negRisk: market.negRisk || event.negRisk || books.some((book) => book !== undefined && compactNegRisk(book)),
    endDate: market.endDate,
    category: market.category ?? tags[0] ?? null,
    tags,
    active: market.active,
    closed: market.closed,
    acceptingOrders: market.acceptingOrders,
    enableOrderBook: market.enableOrderBook,
    liquidityUsd: market.liquidityNum,
    volume24hUsd: market.volume24hr,
    tickSize: bookTick ?? market.tickSize ?? FALLBACK_TICK_SIZE,
    minOrderSize: bookMinSize ?? market.orderMinSize ?? FALLBACK_MIN_ORDER_SIZE,
    feeSchedule: market.feeSchedule,
    tokens: market.tokens.map((token, i) => {
      const book = books[i];
      return book ? compactQuote(token.tokenId, token.outcome, book) : emptyQuote(token.tokenId, token.outcome);
    }),
    fetchedAt,
    umaResolutionStatus: market.umaResolutionStatus,
    outcomePrices: market.outcomePrices,
  };
}

/** Events built per turn of the event loop: a 50,000-token catalogue takes a few hundred ms to build. */
export const EVENTS_PER_TURN = 500;

/**
 * Normalized snapshots of events and their markets with quotes from the books fetched this cycle.
 * A token without a book gets an empty quote (no invented prices). Events with no markets are left out.
 * Built a slice of events per turn of the event loop, so the market stream's frames (on the same
 * loop) wait for one slice, not for the whole catalogue.
 */
export async function buildEventSnapshots(
  events: readonly GammaEvent[],
  books: CompactBookLookup,
  fetchedAt: Date,
  looseMarkets: readonly GammaMarket[] = [],
): Promise<EventSnapshot[]> {
  const at = fetchedAt.toISOString();
  const sources = groupLooseMarkets(events, looseMarkets).filter((event) => event.markets.length > 0);
  const built: EventSnapshot[] = [];
  await forEachInTurns(sources, EVENTS_PER_TURN, (event) =>
    built.push({
      eventId: event.id,
      slug: event.slug,
      title: event.title,
      negRisk: event.negRisk || event.markets.some((market) => market.negRisk),
      markets: event.markets.map((market) => marketSnapshot(event, market, books, at)),
    }),
  );
  return built;
}
