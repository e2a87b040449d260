import type { EventSnapshot, MarketSnapshot, TokenQuote } from '@polybot/domain';

const DAY_MS = 86_400_000;

/** A two-sided quote with `depthUsd` resting on each side. */
export function testQuote(tokenId: string, outcome: string, bestBid: number, bestAsk: number, depthUsd = 5_000): TokenQuote {
  return {
    tokenId,
    outcome,
    bestBid,
    bestAsk,
    mid: (bestBid + bestAsk) / 2,
    spread: bestAsk - bestBid,
    bidDepthUsd: depthUsd,
    askDepthUsd: depthUsd,
    bookTimestamp: Date.now(),
  };
}

/**
 * A liquid, open binary market resolving in 30 days (inside the default universe filters), its YES
 * token quoted `yesBid`/`yesAsk` and its NO token the complement.
 */
export function testMarket(marketId: string, overrides: Partial<MarketSnapshot> & { yesBid?: number; yesAsk?: number } = {}): MarketSnapshot {
  const { yesBid = 0.49, yesAsk = 0.51, ...rest } = overrides;
  const noBid = Number((1 - yesAsk).toFixed(4));
  const noAsk = Number((1 - yesBid).toFixed(4));
  return {
    marketId,
    conditionId: `0xcond-${marketId}`,
    question: `Will ${marketId} happen?`,
    slug: `will-${marketId}-happen`,
    eventId: null,
    eventSlug: null,
    negRisk: false,
    endDate: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    category: null,
    tags: [],
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    liquidityUsd: 50_000,
    volume24hUsd: 20_000,
    tickSize: 0.01,
    minOrderSize: 5,
    feeSchedule: null,
    tokens: [testQuote(`${marketId}-yes`, 'Yes', yesBid, yesAsk), testQuote(`${marketId}-no`, 'No', noBid, noAsk)],
    fetchedAt: new Date().toISOString(),
    ...rest,
  };
}

/** A neg-risk event of the given markets (each marked neg-risk and linked to the event). */
export function testNegRiskEvent(eventId: string, markets: readonly MarketSnapshot[]): EventSnapshot {
  return {
    eventId,
    slug: `event-${eventId}`,
    title: `Event ${eventId}`,
    negRisk: true,
    markets: markets.map((market) => ({ ...market, negRisk: true, eventId, eventSlug: `event-${eventId}` })),
  };
}
