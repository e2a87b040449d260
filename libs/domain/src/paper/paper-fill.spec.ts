import type { OrderRequest } from '../execution/order-request';
import type { FeeSchedule, OrderBook } from '../market/market.types';
import { PaperFillError, simulateFill } from './paper-fill';
import { fillsFromPaperFill } from './paper-fill-to-fills';

const FEES: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true };

const BOOK: OrderBook = {
  tokenId: 'tok-yes',
  conditionId: '0xcond',
  // Best level first on both sides.
  bids: [
    { price: 0.39, size: 80 },
    { price: 0.38, size: 120 },
    { price: 0.35, size: 500 },
  ],
  asks: [
    { price: 0.4, size: 100 },
    { price: 0.41, size: 50 },
    { price: 0.42, size: 30 },
    { price: 0.5, size: 1000 },
  ],
  tickSize: 0.01,
  minOrderSize: 5,
  negRisk: false,
  timestamp: 1_800_000_000_000,
};

function order(side: 'BUY' | 'SELL', price: number, size: number): OrderRequest {
  return {
    clientOrderId: 'polybot-i1',
    intentId: 'i1',
    tokenId: 'tok-yes',
    side,
    price,
    size,
    notionalUsd: price * size,
    orderType: 'FAK',
    tickSize: 0.01,
    negRisk: false,
  };
}

describe('simulateFill', () => {
  it('fills a BUY over 3 levels and stops at the limit, partial because depth within the limit is short', () => {
    // Limit 0.42 reaches 0.40 x 100, 0.41 x 50, 0.42 x 30 = 180 shares; the 0.50 level is beyond the limit.
    const result = simulateFill(order('BUY', 0.42, 200), BOOK, FEES);
    expect(result.levels).toEqual([
      // 100 x 0.07 x (0.40 x 0.60) = 100 x 0.07 x 0.24   = 1.68
      { price: 0.4, shares: 100, feeUsd: 1.68 },
      // 50 x 0.07 x (0.41 x 0.59)  = 50 x 0.07 x 0.2419  = 0.84665
      { price: 0.41, shares: 50, feeUsd: 0.84665 },
      // 30 x 0.07 x (0.42 x 0.58)  = 30 x 0.07 x 0.2436  = 0.51156
      { price: 0.42, shares: 30, feeUsd: 0.51156 },
    ]);
    expect(result.filledShares).toBe(180);
    expect(result.unfilledShares).toBe(20);
    // 40.00 + 20.50 + 12.60 = 73.10
    expect(result.notionalUsd).toBe(73.1);
    // 73.10 / 180 = 0.406111...
    expect(result.avgPrice).toBeCloseTo(73.1 / 180, 12);
    // 1.68 + 0.84665 + 0.51156 = 3.03821
    expect(result.feeUsd).toBe(3.03821);
    expect(result.status).toBe('PARTIAL');
  });

  it('fills a BUY completely inside the first two levels, taking only what remains from the second', () => {
    const result = simulateFill(order('BUY', 0.45, 120.5), BOOK, FEES);
    expect(result.levels.map(({ price, shares }) => ({ price, shares }))).toEqual([
      { price: 0.4, shares: 100 },
      { price: 0.41, shares: 20.5 },
    ]);
    expect(result.filledShares).toBe(120.5);
    expect(result.unfilledShares).toBe(0);
    // 40.00 + 0.41 x 20.5 = 40.00 + 8.405 = 48.405, with no float drift
    expect(result.notionalUsd).toBe(48.405);
    expect(result.status).toBe('FILLED');
  });

  it('the limit stops the walk: a BUY limited at 0.40 takes the 0.40 level only', () => {
    const result = simulateFill(order('BUY', 0.4, 150), BOOK, FEES);
    expect(result.levels.map((level) => level.price)).toEqual([0.4]);
    expect(result.filledShares).toBe(100);
    expect(result.avgPrice).toBe(0.4);
    expect(result.status).toBe('PARTIAL');
  });

  it('walks the bids for a SELL while the bid is at or above the limit', () => {
    // Limit 0.38: 0.39 x 80 then 0.38 x 70; the 0.35 level is below the limit.
    const result = simulateFill(order('SELL', 0.38, 150), BOOK, FEES);
    expect(result.levels.map(({ price, shares }) => ({ price, shares }))).toEqual([
      { price: 0.39, shares: 80 },
      { price: 0.38, shares: 70 },
    ]);
    // 31.20 + 26.60 = 57.80
    expect(result.notionalUsd).toBe(57.8);
    expect(result.avgPrice).toBeCloseTo(57.8 / 150, 12);
    // 80 x 0.07 x (0.39 x 0.61) = 80 x 0.07 x 0.2379 = 1.33224; 70 x 0.07 x (0.38 x 0.62) = 70 x 0.07 x 0.2356 = 1.15444
    expect(result.feeUsd).toBe(2.48668);
    expect(result.status).toBe('FILLED');
  });

  it('is UNFILLED when the best level is beyond the limit, with no average price', () => {
    const result = simulateFill(order('BUY', 0.39, 10), BOOK, FEES);
    expect(result).toEqual({ levels: [], filledShares: 0, avgPrice: null, notionalUsd: 0, feeUsd: 0, unfilledShares: 10, status: 'UNFILLED' });
  });

  it('is UNFILLED against an empty side', () => {
    expect(simulateFill(order('SELL', 0.01, 10), { ...BOOK, bids: [] }, FEES).status).toBe('UNFILLED');
  });

  it('charges no fee without a fee schedule', () => {
    const result = simulateFill(order('BUY', 0.42, 200), BOOK, null);
    expect(result.feeUsd).toBe(0);
    expect(result.levels.every((level) => level.feeUsd === 0)).toBe(true);
  });

  it('counts shares in hundredths: a level of 0.299 shares yields 0.29, and sizes add up without drift', () => {
    const book: OrderBook = { ...BOOK, asks: [{ price: 0.1, size: 0.299 }, { price: 0.2, size: 0.1 }, { price: 0.3, size: 0.2 }] };
    const result = simulateFill(order('BUY', 0.3, 0.6), book, null);
    expect(result.levels.map((level) => level.shares)).toEqual([0.29, 0.1, 0.2]);
    expect(result.filledShares).toBe(0.59);
    expect(result.unfilledShares).toBe(0.01);
    // 0.029 + 0.02 + 0.06 = 0.109
    expect(result.notionalUsd).toBe(0.109);
  });

  it('refuses a book for another token, a non-positive size and a limit outside (0, 1)', () => {
    expect(() => simulateFill(order('BUY', 0.4, 10), { ...BOOK, tokenId: 'tok-no' }, FEES)).toThrow(
      'cannot simulate order polybot-i1 on token tok-yes: the book is for token tok-no',
    );
    expect(() => simulateFill(order('BUY', 0.4, 0), BOOK, FEES)).toThrow(PaperFillError);
    expect(() => simulateFill(order('BUY', 0.4, 0.004), BOOK, FEES)).toThrow("size 0.004 is below the venue's 0.01 share precision");
    expect(() => simulateFill(order('BUY', 1.2, 10), BOOK, FEES)).toThrow('limit price 1.2 is not in (0, 1)');
  });
});

describe('fillsFromPaperFill', () => {
  it('turns each level taken into a ledger fill with its own price and fee', () => {
    const buy = order('BUY', 0.42, 200);
    const at = new Date('2026-11-20T12:00:00Z');
    const fills = fillsFromPaperFill(simulateFill(buy, BOOK, FEES), buy, { marketId: 'm1', conditionId: '0xcond', outcome: 'Yes', category: null }, at);
    expect(fills.map(({ price, shares, feeUsd, side, kind }) => ({ price, shares, feeUsd, side, kind }))).toEqual([
      { price: 0.4, shares: 100, feeUsd: 1.68, side: 'BUY', kind: 'TRADE' },
      { price: 0.41, shares: 50, feeUsd: 0.84665, side: 'BUY', kind: 'TRADE' },
      { price: 0.42, shares: 30, feeUsd: 0.51156, side: 'BUY', kind: 'TRADE' },
    ]);
    expect(fills[0]).toMatchObject({ intentId: 'i1', tokenId: 'tok-yes', marketId: 'm1', conditionId: '0xcond', outcome: 'Yes', category: null, at });
  });
});
