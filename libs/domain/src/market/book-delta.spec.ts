import fc from 'fast-check';
import { applyBookSnapshot, applyPriceChanges, applyTickSizeChange, BookDeltaError, type BookLevelChange } from './book-delta';
import type { OrderBook, PriceLevel } from './market.types';

const book: OrderBook = {
  tokenId: 'T1',
  conditionId: '0xc1',
  bids: [
    { price: 0.5, size: 200 },
    { price: 0.49, size: 350 },
  ],
  asks: [
    { price: 0.52, size: 150 },
    { price: 0.53, size: 250 },
  ],
  tickSize: 0.01,
  minOrderSize: 5,
  negRisk: true,
  timestamp: 1_000,
};

describe('applyPriceChanges', () => {
  it('replaces a level size with the new total', () => {
    const next = applyPriceChanges(book, [{ side: 'BUY', price: 0.49, size: 10 }], 2_000, '0xh');
    expect(next.bids).toEqual([
      { price: 0.5, size: 200 },
      { price: 0.49, size: 10 },
    ]);
    expect(next.asks).toBe(book.asks);
    expect(next).toMatchObject({ timestamp: 2_000, hash: '0xh', tickSize: 0.01, minOrderSize: 5, negRisk: true });
  });

  it('inserts new levels in best-first order on both sides', () => {
    const next = applyPriceChanges(
      book,
      [
        { side: 'BUY', price: 0.51, size: 7 },
        { side: 'BUY', price: 0.3, size: 1 },
        { side: 'SELL', price: 0.515, size: 3 },
        { side: 'SELL', price: 0.9, size: 4 },
      ],
      2_000,
    );
    expect(next.bids).toEqual([
      { price: 0.51, size: 7 },
      { price: 0.5, size: 200 },
      { price: 0.49, size: 350 },
      { price: 0.3, size: 1 },
    ]);
    expect(next.asks).toEqual([
      { price: 0.515, size: 3 },
      { price: 0.52, size: 150 },
      { price: 0.53, size: 250 },
      { price: 0.9, size: 4 },
    ]);
  });

  it('removes a level on size 0, and ignores the removal of a level it does not have', () => {
    const next = applyPriceChanges(
      book,
      [
        { side: 'SELL', price: 0.52, size: 0 },
        { side: 'BUY', price: 0.2, size: 0 },
      ],
      2_000,
    );
    expect(next.asks).toEqual([{ price: 0.53, size: 250 }]);
    expect(next.bids).toEqual(book.bids);
  });

  it('applies changes in order: a level removed then re-added ends up present', () => {
    const next = applyPriceChanges(
      book,
      [
        { side: 'BUY', price: 0.5, size: 0 },
        { side: 'BUY', price: 0.5, size: 42 },
      ],
      2_000,
    );
    expect(next.bids[0]).toEqual({ price: 0.5, size: 42 });
  });

  it('never moves the timestamp backwards', () => {
    expect(applyPriceChanges(book, [], 500).timestamp).toBe(1_000);
  });

  it('rejects a crossed result and leaves the book as it was', () => {
    expect(() => applyPriceChanges(book, [{ side: 'BUY', price: 0.52, size: 5 }], 2_000)).toThrow(
      new BookDeltaError('T1', 'crossed after the update (best bid 0.52 >= best ask 0.52)'),
    );
    expect(book.bids[0]).toEqual({ price: 0.5, size: 200 });
  });

  it('accepts a cross that a later change in the same message resolves', () => {
    const next = applyPriceChanges(
      book,
      [
        { side: 'BUY', price: 0.52, size: 5 },
        { side: 'SELL', price: 0.52, size: 0 },
      ],
      2_000,
    );
    expect(next.bids[0]).toEqual({ price: 0.52, size: 5 });
    expect(next.asks[0]).toEqual({ price: 0.53, size: 250 });
  });

  it.each([
    [{ side: 'BUY' as const, price: 1.2, size: 1 }, 'book T1: BUY level price 1.2 is not in (0,1)'],
    [{ side: 'SELL' as const, price: 0.6, size: -1 }, 'book T1: SELL level 0.6 size -1 is not a number >= 0'],
    [{ side: 'SELL' as const, price: 0.6, size: Number.NaN }, 'book T1: SELL level 0.6 size NaN is not a number >= 0'],
  ])('rejects an invalid change %o', (change, message) => {
    expect(() => applyPriceChanges(book, [change], 2_000)).toThrow(message);
  });
});

/** The rule as written before levels were placed in place: drop the price, add it back, sort the side. */
function referenceSide(levels: readonly PriceLevel[], changes: readonly BookLevelChange[], side: BookLevelChange['side']): PriceLevel[] {
  let next = [...levels];
  for (const change of changes.filter((c) => c.side === side)) {
    next = next.filter((level) => Math.abs(level.price - change.price) >= 1e-9);
    if (change.size > 0) next = [...next, { price: change.price, size: change.size }].sort((a, b) => (side === 'BUY' ? b.price - a.price : a.price - b.price));
  }
  return next;
}

describe('applyPriceChanges, against the rule it replaces (property)', () => {
  // Cents on a 0.01 tick, bids below 0.5 and asks above it, so no sequence crosses the book.
  const cents = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => c / 100);
  const side = (from: number, to: number, order: 1 | -1) =>
    fc.uniqueArray(cents(from, to), { maxLength: 15 }).map((prices) => [...prices].sort((a, b) => order * (a - b)).map((price, i) => ({ price, size: 10 + i })));
  const change = (s: BookLevelChange['side'], from: number, to: number) =>
    fc.record({ side: fc.constant(s), price: cents(from, to), size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })) });

  it('gives the same levels as dropping, adding and sorting, and leaves the book it was given untouched', () => {
    fc.assert(
      fc.property(side(1, 49, -1), side(51, 99, 1), fc.array(fc.oneof(change('BUY', 1, 49), change('SELL', 51, 99)), { maxLength: 20 }), (bids, asks, changes) => {
        const given: OrderBook = { ...book, bids, asks };
        const before = JSON.stringify(given);
        const next = applyPriceChanges(given, changes, 2_000);
        expect(next.bids).toEqual(referenceSide(bids, changes, 'BUY'));
        expect(next.asks).toEqual(referenceSide(asks, changes, 'SELL'));
        expect(JSON.stringify(given)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});

describe('applyBookSnapshot', () => {
  const snapshot: OrderBook = {
    tokenId: 'T1',
    conditionId: '0xc1',
    bids: [{ price: 0.4, size: 1 }],
    asks: [{ price: 0.6, size: 2 }],
    tickSize: 0,
    minOrderSize: 0,
    negRisk: false,
    timestamp: 3_000,
  };

  it('replaces the levels and keeps what the snapshot did not say', () => {
    expect(applyBookSnapshot(book, snapshot)).toEqual({ ...snapshot, tickSize: 0.01, minOrderSize: 5, negRisk: true });
  });

  it('takes the snapshot as it is without a previous book', () => {
    expect(applyBookSnapshot(undefined, snapshot)).toEqual(snapshot);
  });

  it('takes a tick size the snapshot states', () => {
    expect(applyBookSnapshot(book, { ...snapshot, tickSize: 0.001 }).tickSize).toBe(0.001);
  });

  it('rejects a crossed snapshot', () => {
    expect(() => applyBookSnapshot(book, { ...snapshot, bids: [{ price: 0.6, size: 1 }] })).toThrow(BookDeltaError);
  });
});

describe('applyTickSizeChange', () => {
  it('changes the tick size and keeps the levels', () => {
    expect(applyTickSizeChange(book, 0.001, 4_000)).toEqual({ ...book, tickSize: 0.001, timestamp: 4_000 });
  });

  it('rejects a tick size outside (0,1)', () => {
    expect(() => applyTickSizeChange(book, 0, 4_000)).toThrow('book T1: new tick size 0 is not in (0,1)');
  });
});
