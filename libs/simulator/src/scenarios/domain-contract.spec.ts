import { describe, expect, it } from '@jest/globals';
import {
  evaluateUniverse,
  NegRiskConsistencyStrategy,
  quoteFromBook,
  type EventSnapshot,
  type MarketSnapshot,
  type OrderBook,
  type UniverseFilterSettings,
} from '@polybot/domain';
import { millsToNumber } from '../world/price.format';
import { walkPrices } from '../world/price.walk';
import type { SimWorld } from '../world/sim-world.state';
import { marketBooks } from '../world/token-book.builder';
import { generateWorld } from '../world/world.generator';
import type { SimMarket } from '../world/world.types';
import { injectMispricing } from './mispricing.scenario';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DEFAULT_FILTERS: UniverseFilterSettings = {
  minLiquidityUsd: 1000,
  minVolume24hUsd: 0,
  maxSpread: 0.1,
  minHoursToResolution: 24,
  maxDaysToResolution: 365,
  requireOrderBook: true,
  requireAcceptingOrders: true,
};

/** What the ingestor would build from the simulator's Gamma and /books answers. */
function snapshot(world: SimWorld, market: SimMarket): MarketSnapshot {
  const event = world.eventOf(market)!;
  const tokens = marketBooks(market).map((book, i) => {
    const orderBook: OrderBook = {
      tokenId: market.tokenIds[i],
      conditionId: market.conditionId,
      bids: book.bids.map((l) => ({ price: millsToNumber(l.priceMills), size: l.size })),
      asks: book.asks.map((l) => ({ price: millsToNumber(l.priceMills), size: l.size })),
      tickSize: millsToNumber(market.tickMills),
      minOrderSize: market.minOrderSize,
      negRisk: market.negRisk,
      timestamp: NOW,
    };
    return quoteFromBook(orderBook, market.outcomes[i]);
  });
  return {
    marketId: market.id,
    conditionId: market.conditionId,
    question: market.question,
    slug: market.slug,
    eventId: event.id,
    eventSlug: event.slug,
    negRisk: market.negRisk,
    endDate: market.endDate,
    category: null,
    tags: event.tags.map((t) => t.label),
    active: market.active,
    closed: market.closed,
    acceptingOrders: market.acceptingOrders,
    enableOrderBook: true,
    liquidityUsd: market.liquidity,
    volume24hUsd: market.volume24hr,
    tickSize: millsToNumber(market.tickMills),
    minOrderSize: market.minOrderSize,
    feeSchedule: market.feeSchedule,
    tokens,
    fetchedAt: new Date(NOW).toISOString(),
  };
}

function events(world: SimWorld): EventSnapshot[] {
  return [...world.events.values()].map((e) => ({
    eventId: e.id,
    slug: e.slug,
    title: e.title,
    negRisk: e.negRisk,
    markets: world.marketsOf(e).map((m) => snapshot(world, m)),
  }));
}

describe('the generated world against the domain strategy and universe filters', () => {
  const strategy = new NegRiskConsistencyStrategy({ edgeThreshold: 0.05 });

  it('raises no neg-risk signal while consistent, even after the walk, and mostly passes default filters', () => {
    const world = generateWorld({ seed: 42, events: 40, now: NOW });
    expect(strategy.evaluate({ events: events(world), now: NOW })).toEqual([]);
    for (let i = 0; i < 500; i++) walkPrices(world);
    expect(strategy.evaluate({ events: events(world), now: NOW })).toEqual([]);
    const markets = events(world).flatMap((e) => e.markets);
    const tradable = markets.filter((m) => evaluateUniverse(m, DEFAULT_FILTERS, NOW).tradable);
    expect(tradable.length / markets.length).toBeGreaterThan(0.7);
  });

  it('turns the mispricing scenario into exactly the promised signal, on markets the filters keep', () => {
    const world = generateWorld({ seed: 42, events: 40, now: NOW });
    const scenario = injectMispricing(world);
    const signals = strategy.evaluate({ events: events(world), now: NOW });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ tokenId: scenario.expected.tokenId, side: 'BUY', marketPrice: scenario.expected.ask });
    expect(signals[0].modelProb).toBeCloseTo(scenario.expected.fair, 9);
    expect(signals[0].edge).toBeCloseTo(scenario.expected.edge, 9);
    for (const id of scenario.marketIds) {
      const verdict = evaluateUniverse(snapshot(world, world.markets.get(id)!), DEFAULT_FILTERS, NOW);
      expect(verdict.reasons).toEqual([]);
    }
  });
});
