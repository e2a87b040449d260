import { quoteFromBook, type OrderBook } from '@polybot/domain';
import { compactBook, compactMinOrderSize, compactNegRisk, compactQuote, compactTickSize, expandBook, sameMarketState } from './compact-book';

const book = (overrides: Partial<OrderBook> = {}): OrderBook => ({
  tokenId: 'T1',
  conditionId: '',
  bids: [
    { price: 0.48, size: 120.5 },
    { price: 0.47, size: 10 },
    { price: 0.3, size: 0.01 },
  ],
  asks: [
    { price: 0.51, size: 33 },
    { price: 0.9, size: 1_000_000 },
  ],
  tickSize: 0.01,
  minOrderSize: 5,
  negRisk: true,
  timestamp: 1_764_000_000_123,
  ...overrides,
});

describe('compact book', () => {
  it('gives back the same levels, best first, and the same tick size, minimum, neg-risk flag and timestamp', () => {
    expect(expandBook('T1', compactBook(book()))).toEqual(book());
    expect(expandBook('T1', compactBook(book({ negRisk: false, tickSize: 0, minOrderSize: 0 })))).toEqual(book({ negRisk: false, tickSize: 0, minOrderSize: 0 }));
  });

  it('keeps neither the condition id, the hash nor the last trade price: no quote reads them', () => {
    const expanded = expandBook('T1', compactBook(book({ conditionId: '0xc', hash: '0xh', lastTradePrice: 0.5 })));
    expect(expanded).toEqual(book());
  });

  it.each([
    ['two-sided', book()],
    ['bids only', book({ asks: [] })],
    ['asks only', book({ bids: [] })],
    ['empty', book({ bids: [], asks: [] })],
    ['one level each', book({ bids: [{ price: 0.01, size: 1 }], asks: [{ price: 0.99, size: 2 }] })],
  ])('quotes a %s book exactly as quoteFromBook does', (_, orderBook) => {
    expect(compactQuote('T1', 'Yes', compactBook(orderBook))).toEqual(quoteFromBook(orderBook, 'Yes'));
  });

  it('reads the tick size, minimum order size and neg-risk flag without expanding', () => {
    const compact = compactBook(book());
    expect([compactTickSize(compact), compactMinOrderSize(compact), compactNegRisk(compact)]).toEqual([0.01, 5, true]);
    expect(compactNegRisk(compactBook(book({ negRisk: false })))).toBe(false);
  });

  it('tells the same market state from a different one: levels always, tick and minimum size only where both books state them', () => {
    const same = (a: Partial<OrderBook>, b: Partial<OrderBook>) => sameMarketState(compactBook(book(a)), compactBook(book(b)));
    expect(same({}, { timestamp: 1, negRisk: false })).toBe(true);
    expect(same({}, { tickSize: 0, minOrderSize: 0 })).toBe(true);
    expect(same({}, { tickSize: 0.001 })).toBe(false);
    expect(same({}, { minOrderSize: 1 })).toBe(false);
    expect(same({}, { bids: [{ price: 0.48, size: 120 }, { price: 0.47, size: 10 }, { price: 0.3, size: 0.01 }] })).toBe(false);
    expect(same({}, { bids: [{ price: 0.48, size: 120.5 }, { price: 0.47, size: 10 }] })).toBe(false);
    // The same numbers split differently between the sides.
    expect(same({ bids: [{ price: 0.4, size: 1 }], asks: [{ price: 0.6, size: 1 }, { price: 0.7, size: 1 }] }, { bids: [{ price: 0.4, size: 1 }, { price: 0.6, size: 1 }], asks: [{ price: 0.7, size: 1 }] })).toBe(false);
  });

  it('costs 8 bytes per number: a header of 5 and 2 per level', () => {
    expect(compactBook(book()).byteLength).toBe(8 * (5 + 2 * 5));
  });
});
