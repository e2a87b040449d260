import type { EventSnapshot, MarketSnapshot, TokenQuote } from '../../market/market.types';

/** Test fixtures only: small, explicit snapshots (not exported from the library). */
export function quote(tokenId: string, outcome: string, bestBid: number | null, bestAsk: number | null, depthUsd = 100): TokenQuote {
  const twoSided = bestBid !== null && bestAsk !== null;
  return {
    tokenId,
    outcome,
    bestBid,
    bestAsk,
    mid: twoSided ? (bestBid + bestAsk) / 2 : null,
    spread: twoSided ? bestAsk - bestBid : null,
    bidDepthUsd: bestBid === null ? 0 : depthUsd,
    askDepthUsd: bestAsk === null ? 0 : depthUsd,
    bookTimestamp: 1_700_000_000_000,
  };
}

export function market(overrides: Partial<MarketSnapshot> & { marketId: string }): MarketSnapshot {
  const id = overrides.marketId;
  return {
    conditionId: `0xcond-${id}`,
    question: `Will ${id} happen?`,
    slug: `will-${id}-happen`,
    eventId: null,
    eventSlug: null,
    negRisk: false,
    endDate: '2026-12-31T00:00:00.000Z',
    category: null,
    tags: [],
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    liquidityUsd: 10_000,
    volume24hUsd: 5_000,
    tickSize: 0.01,
    minOrderSize: 5,
    feeSchedule: null,
    tokens: [quote(`${id}-yes`, 'Yes', 0.49, 0.51), quote(`${id}-no`, 'No', 0.49, 0.51)],
    fetchedAt: '2026-11-27T00:00:00.000Z',
    ...overrides,
  };
}

export function event(markets: MarketSnapshot[], negRisk = true, eventId = 'ev1'): EventSnapshot {
  return { eventId, slug: `event-${eventId}`, title: `Event ${eventId}`, negRisk, markets };
}
