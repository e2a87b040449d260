import type { MarketSnapshot } from '@polybot/domain';

/** A tradable market snapshot quoting one token, for the repositories' specs. */
export function marketSnapshot(id: string, overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    marketId: id, conditionId: `0xcond-${id}`, question: `Will ${id} happen?`, slug: `will-${id}-happen`,
    eventId: 'ev-1', eventSlug: 'event-one', negRisk: true, endDate: '2026-03-01T00:00:00Z', category: 'Politics',
    tags: ['politics', 'us'], active: true, closed: false, acceptingOrders: true, enableOrderBook: true,
    liquidityUsd: 1000, volume24hUsd: 500, tickSize: 0.01, minOrderSize: 5, feeSchedule: null,
    tokens: [{ tokenId: `${id}-yes`, outcome: 'Yes', bestBid: 0.4, bestAsk: 0.42, mid: 0.41, spread: 0.02, bidDepthUsd: 100, askDepthUsd: 120, bookTimestamp: 1 }],
    fetchedAt: '2026-01-04T20:30:00.000Z',
    ...overrides,
  };
}
