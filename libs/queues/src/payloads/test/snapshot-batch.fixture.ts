/** Test fixtures only: one valid snapshot batch, written out as the wire carries it. */
export const TOKEN = { tokenId: 't1', outcome: 'Yes', bestBid: 0.41, bestAsk: 0.43, mid: 0.42, spread: 0.02, bidDepthUsd: 10, askDepthUsd: 0, bookTimestamp: 1703875200000 };
export const MARKET = {
  marketId: 'm1', conditionId: '0xc1', question: 'Will it?', slug: 'will-it', eventId: 'e1', eventSlug: 'e', negRisk: true, endDate: null, category: null,
  tags: ['Politics'], active: true, closed: false, acceptingOrders: true, enableOrderBook: true, liquidityUsd: 1000, volume24hUsd: 0, tickSize: 0.01,
  minOrderSize: 5, feeSchedule: { rate: 0.02, exponent: 1, takerOnly: true }, tokens: [TOKEN, { ...TOKEN, tokenId: 't2', bestBid: null, mid: null, spread: null, bookTimestamp: null }],
  fetchedAt: '2026-12-04T04:30:15.123Z', umaResolutionStatus: null, outcomePrices: [0.42, 0.58],
};
export const BATCH = { v: 1, cycleId: 'c1:stream:2', fetchedAt: '2026-12-04T04:30:15+01:00', events: [{ eventId: 'e1', slug: null, title: 'E', negRisk: true, markets: [MARKET, { ...MARKET, feeSchedule: null }] }] };

/** A valid batch of `events` two-market events with distinct ids (100 of them are well over 64 KiB as JSON). */
export function batchOf(events: number, cycleId: string) {
  return {
    v: 1 as const,
    cycleId,
    fetchedAt: new Date().toISOString(),
    events: Array.from({ length: events }, (_, i) => ({
      ...BATCH.events[0],
      eventId: `e${i}`,
      markets: ['a', 'b'].map((side) => ({ ...MARKET, marketId: `m${i}${side}`, conditionId: `0xc${i}${side}`, eventId: `e${i}` })),
    })),
  };
}
