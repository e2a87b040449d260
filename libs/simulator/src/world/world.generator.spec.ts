import { describe, expect, it } from '@jest/globals';
import { walkPrices } from './price.walk';
import type { SimWorld } from './sim-world.state';
import { marketBooks, midMills } from './token-book.builder';
import { generateWorld } from './world.generator';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

function fingerprint(world: SimWorld): string {
  return JSON.stringify([...world.events.values()].map((e) => [e, world.marketsOf(e)]));
}

function yesMidSum(world: SimWorld, eventId: string): number {
  const event = world.events.get(eventId)!;
  return world.marketsOf(event).reduce((sum, m) => sum + midMills(marketBooks(m)[0])!, 0);
}

function assertBooksValid(world: SimWorld): void {
  for (const market of world.markets.values()) {
    const tick = market.tickMills;
    for (const book of marketBooks(market)) {
      const prices = [...book.bids, ...book.asks].map((l) => l.priceMills);
      expect(Math.min(...prices)).toBeGreaterThanOrEqual(tick);
      expect(Math.max(...prices)).toBeLessThanOrEqual(1000 - tick);
      prices.forEach((p) => expect(p % tick).toBe(0));
      expect(book.bids[0].priceMills).toBeLessThan(book.asks[0].priceMills);
      // Best first internally: bids descend, asks ascend.
      book.bids.slice(1).forEach((l, i) => expect(l.priceMills).toBeLessThan(book.bids[i].priceMills));
      book.asks.slice(1).forEach((l, i) => expect(l.priceMills).toBeGreaterThan(book.asks[i].priceMills));
    }
  }
}

describe('generateWorld', () => {
  it('is deterministic: same seed and clock give the same world, another seed does not', () => {
    const a = generateWorld({ seed: 7, events: 30, now: NOW });
    const b = generateWorld({ seed: 7, events: 30, now: NOW });
    const c = generateWorld({ seed: 8, events: 30, now: NOW });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
    for (let i = 0; i < 50; i++) {
      walkPrices(a);
      walkPrices(b);
    }
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('makes about a third neg-risk events with 3-6 outcomes whose YES mids sum to 1.00-1.03', () => {
    const world = generateWorld({ seed: 42, events: 40, now: NOW });
    const events = [...world.events.values()];
    const negRisk = events.filter((e) => e.negRisk);
    expect(negRisk.length).toBeGreaterThanOrEqual(10);
    expect(negRisk.length).toBeLessThanOrEqual(16);
    for (const event of negRisk) {
      const markets = world.marketsOf(event);
      expect(markets.length).toBeGreaterThanOrEqual(3);
      expect(markets.length).toBeLessThanOrEqual(6);
      expect(event.negRiskMarketId).toMatch(/^0x[0-9a-f]{64}$/);
      markets.forEach((m) => expect(m.negRiskMarketId).toBe(event.negRiskMarketId));
      const sum = yesMidSum(world, event.id);
      expect(sum).toBeGreaterThanOrEqual(1000);
      expect(sum).toBeLessThanOrEqual(1030);
    }
    events.filter((e) => !e.negRisk).forEach((e) => expect(e.marketIds).toHaveLength(1));
  });

  it('gives venue-like identifiers, ticks, sizes, end dates and mostly liquid markets', () => {
    const world = generateWorld({ seed: 42, events: 40, now: NOW });
    const markets = [...world.markets.values()];
    for (const m of markets) {
      expect(m.conditionId).toMatch(/^0x[0-9a-f]{64}$/);
      m.tokenIds.forEach((t) => expect(t).toMatch(/^[1-9][0-9]{76}$/));
      expect([1, 10]).toContain(m.tickMills);
      expect(m.minOrderSize).toBe(5);
      const daysAhead = (Date.parse(m.endDate) - NOW) / 86_400_000;
      expect(daysAhead).toBeGreaterThanOrEqual(3);
      expect(daysAhead).toBeLessThanOrEqual(121);
    }
    expect(new Set(markets.flatMap((m) => m.tokenIds)).size).toBe(markets.length * 2);
    const liquid = markets.filter((m) => m.liquidity >= 1000).length;
    expect(liquid / markets.length).toBeGreaterThan(0.7);
    expect(liquid).toBeLessThan(markets.length);
    const tags = new Set([...world.events.values()].flatMap((e) => e.tags.map((t) => t.label)));
    expect(tags.size).toBeGreaterThanOrEqual(4);
  });

  it('mirrors YES and NO books: a NO bid at 1-p for each YES ask at p', () => {
    const world = generateWorld({ seed: 3, events: 10, now: NOW });
    for (const market of world.markets.values()) {
      const [yes, no] = marketBooks(market);
      expect(no.bids.map((l) => [1000 - l.priceMills, l.size])).toEqual(yes.asks.map((l) => [l.priceMills, l.size]));
      expect(no.asks.map((l) => [1000 - l.priceMills, l.size])).toEqual(yes.bids.map((l) => [l.priceMills, l.size]));
    }
  });

  it('keeps books valid and neg-risk sums constant while prices walk', () => {
    const world = generateWorld({ seed: 11, events: 30, now: NOW });
    const negRisk = [...world.events.values()].filter((e) => e.negRisk);
    const before = negRisk.map((e) => yesMidSum(world, e.id));
    const mids = [...world.markets.values()].map((m) => m.book.bidMills);
    for (let i = 0; i < 300; i++) walkPrices(world);
    assertBooksValid(world);
    expect(negRisk.map((e) => yesMidSum(world, e.id))).toEqual(before);
    expect([...world.markets.values()].map((m) => m.book.bidMills)).not.toEqual(mids);
  });

  it('walks only the events of its slice: every n-th event from its index, the slices together covering all', () => {
    const world = generateWorld({ seed: 9, events: 30, now: NOW });
    const events = [...world.events.values()];
    const booksOf = (i: number): string => JSON.stringify(world.marketsOf(events[i]).map((m) => [m.tickMills, m.book]));
    const moved = new Set<number>();
    for (let round = 0; round < 40; round++) {
      const before = events.map((_, i) => booksOf(i));
      walkPrices(world, { index: 1, of: 3 });
      events.forEach((_, i) => {
        if (booksOf(i) === before[i]) return;
        expect(i % 3).toBe(1);
        moved.add(i);
      });
    }
    // Forty steps move (almost) every event of the slice, and only those.
    expect(moved.size).toBeGreaterThanOrEqual(8);
    const untouched = events.map((_, i) => booksOf(i));
    for (const index of [0, 2]) for (let round = 0; round < 40; round++) walkPrices(world, { index, of: 3 });
    expect(events.filter((_, i) => i % 3 !== 1 && booksOf(i) !== untouched[i]).length).toBeGreaterThanOrEqual(16);
  });

  it('does not walk while books are stale, nor frozen events', () => {
    const world = generateWorld({ seed: 5, events: 12, now: NOW });
    const books = (): string => JSON.stringify([...world.markets.values()].map((m) => [m.tickMills, m.book]));
    const snapshot = books();
    world.setStale(true);
    for (let i = 0; i < 20; i++) walkPrices(world);
    expect(books()).toBe(snapshot);
    world.setStale(false);
    world.events.forEach((e) => (e.frozen = true));
    for (let i = 0; i < 20; i++) walkPrices(world);
    expect(books()).toBe(snapshot);
  });
});
