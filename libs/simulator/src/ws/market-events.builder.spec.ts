import { describe, expect, it } from '@jest/globals';
import { bookHash } from '../wire/book.serializer';
import { formatMills } from '../world/price.format';
import { marketBooks } from '../world/token-book.builder';
import { generateWorld } from '../world/world.generator';
import type { SimMarket } from '../world/world.types';
import { priceChanges } from './market-events.builder';

/** A binary market on the 0.01 tick with three levels a side, bid 0.40 / ask 0.42. */
function market(): SimMarket {
  const world = generateWorld({ seed: 7, events: 3, now: Date.UTC(2026, 0, 1) });
  const m = [...world.markets.values()][0];
  m.tickMills = 10;
  m.book = { bidMills: 400, spreadTicks: 2, bidSizes: [100, 200, 300], askSizes: [110, 220, 330] };
  return m;
}

describe('priceChanges', () => {
  it('reports only the level whose size changed, on both tokens (the NO book mirrors the YES book)', () => {
    const m = market();
    const before = marketBooks(m);
    m.book.bidSizes[0] = 150;
    const changes = priceChanges(m, before);
    expect(changes.map((c) => [c.asset_id, c.side, c.price, c.size])).toEqual([
      [m.tokenIds[0], 'BUY', '0.4', '150'],
      [m.tokenIds[1], 'SELL', '0.6', '150'],
    ]);
  });

  it('removes levels with size "0" and adds the new ones, by price ascending, when the book moves a tick', () => {
    const m = market();
    const before = marketBooks(m);
    m.book.bidMills = 410;
    const yes = priceChanges(m, before).filter((c) => c.asset_id === m.tokenIds[0]);
    // Bids 0.40/0.39/0.38 -> 0.41/0.40/0.39: 0.38 goes, 0.39 and 0.40 change size, 0.41 comes.
    expect(yes.filter((c) => c.side === 'BUY').map((c) => [c.price, c.size])).toEqual([
      ['0.38', '0'],
      ['0.39', '300'],
      ['0.4', '200'],
      ['0.41', '100'],
    ]);
    // Asks 0.42/0.43/0.44 -> 0.43/0.44/0.45.
    expect(yes.filter((c) => c.side === 'SELL').map((c) => [c.price, c.size])).toEqual([
      ['0.42', '0'],
      ['0.43', '110'],
      ['0.44', '220'],
      ['0.45', '330'],
    ]);
    for (const c of yes) expect([c.best_bid, c.best_ask, c.hash]).toEqual(['0.41', '0.43', bookHash(m.conditionId, m.tokenIds[0], marketBooks(m)[0])]);
  });

  it('reports nothing when the books did not change', () => {
    const m = market();
    expect(priceChanges(m, marketBooks(m))).toEqual([]);
  });
});

describe('bookHash', () => {
  it('is the same for the same book and differs when a size, a price or the token differs', () => {
    const m = market();
    const [yes] = marketBooks(m);
    const hash = bookHash(m.conditionId, m.tokenIds[0], yes);
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(bookHash(m.conditionId, m.tokenIds[0], marketBooks(m)[0])).toBe(hash);
    expect(bookHash(m.conditionId, m.tokenIds[1], yes)).not.toBe(hash);
    expect(bookHash(m.conditionId, m.tokenIds[0], { bids: [{ ...yes.bids[0], size: 101 }, ...yes.bids.slice(1)], asks: yes.asks })).not.toBe(hash);
    // The same levels on the other side are another book.
    expect(bookHash(m.conditionId, m.tokenIds[0], { bids: yes.asks, asks: yes.bids })).not.toBe(hash);
  });
});

describe('formatMills', () => {
  it('drops trailing zeros, on and off the table of finest-tick prices', () => {
    expect([0, 1, 10, 400, 415, 1000].map(formatMills)).toEqual(['0', '0.001', '0.01', '0.4', '0.415', '1']);
    expect([415.6, -10, 1010].map(formatMills)).toEqual(['0.416', '-0.01', '1.01']);
  });
});
