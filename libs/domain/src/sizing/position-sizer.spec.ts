import { PositionSizingError, type PositionSizingInput } from './position-sizing-input';
import { kellyFraction, sizePosition } from './position-sizer';

/** q 0.6 at p 0.5: f* = 0.2; quarter Kelly on $10,000 = $500; 2% cap = $200; market cap $1,000. */
const BASE: PositionSizingInput = {
  price: 0.5,
  modelProb: 0.6,
  bankroll: 10_000,
  kellyFraction: 0.25,
  maxPositionPct: 2,
  maxNotionalPerMarket: 1_000,
  existingMarketNotional: 0,
  availableCash: null,
  tickSize: 0.01,
  minOrderSize: 5,
};

const size = (overrides: Partial<PositionSizingInput> = {}) => sizePosition({ ...BASE, ...overrides });

describe('kellyFraction', () => {
  it.each([
    [0.6, 0.5, 0.2],
    [0.5, 0.41, 0.09 / 0.59],
    [1, 0.99, 1],
    [0.7, 0.01, 0.69 / 0.99],
    [0.5, 0.5, 0],
    [0.4, 0.5, 0],
    [0, 0.5, 0],
  ])('q %p at p %p -> %p', (q, p, f) => {
    expect(kellyFraction(q, p)).toBeCloseTo(f, 12);
  });
});

describe('sizePosition', () => {
  it('caps quarter Kelly at 2% of bankroll', () => {
    expect(size()).toEqual({
      sizeUsd: 200,
      shares: 400,
      price: 0.5,
      kellyFraction: expect.closeTo(0.2, 12),
      bindingConstraint: 'MAX_POSITION_PCT',
      reason: 'Kelly 0.200 x 0.25 x bankroll $10000.00 = $500.00, capped by MAX_POSITION_PCT at $200.00 -> 400.00 shares at 0.500 ($200.00)',
    });
  });

  it('sizes at Kelly when Kelly is the smallest', () => {
    const result = size({ maxPositionPct: 10 });
    expect(result).toMatchObject({ sizeUsd: 500, shares: 1000, bindingConstraint: 'KELLY' });
    expect(result.reason).toBe('Kelly 0.200 x 0.25 x bankroll $10000.00 = $500.00 -> 1000.00 shares at 0.500 ($500.00)');
  });

  it('names Kelly on a tie with a cap (Kelly $500 = 5% of $10,000)', () => {
    expect(size({ maxPositionPct: 5 }).bindingConstraint).toBe('KELLY');
    expect(size({ maxPositionPct: 4.99 })).toMatchObject({ sizeUsd: 499, shares: 998, bindingConstraint: 'MAX_POSITION_PCT' });
  });

  it('caps at what is left of the per-market notional', () => {
    expect(size({ existingMarketNotional: 900 })).toMatchObject({ sizeUsd: 100, shares: 200, bindingConstraint: 'MAX_NOTIONAL_PER_MARKET' });
    expect(size({ existingMarketNotional: 800 })).toMatchObject({ sizeUsd: 200, bindingConstraint: 'MAX_POSITION_PCT' });
  });

  it('sizes nothing when the market is already at or over its notional limit', () => {
    for (const existingMarketNotional of [1000, 1200]) {
      const result = size({ existingMarketNotional });
      expect(result).toMatchObject({ sizeUsd: 0, shares: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
      expect(result.reason).toBe('Kelly 0.200 x 0.25 x bankroll $10000.00 = $500.00, capped by MAX_NOTIONAL_PER_MARKET at $0.00 -> 0.00 shares, below the market minimum of 5');
    }
  });

  it('caps at available cash when known, and treats a negative balance as none', () => {
    expect(size({ availableCash: 50 })).toMatchObject({ sizeUsd: 50, shares: 100, bindingConstraint: 'CASH' });
    expect(size({ availableCash: 10_000 }).bindingConstraint).toBe('MAX_POSITION_PCT');
    expect(size({ availableCash: undefined }).bindingConstraint).toBe('MAX_POSITION_PCT');
    expect(size({ availableCash: -5 })).toMatchObject({ shares: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
  });

  it('sizes at the minimum order size, and nothing just under it', () => {
    expect(size({ availableCash: 2.5 })).toMatchObject({ sizeUsd: 2.5, shares: 5, bindingConstraint: 'CASH' });
    const under = size({ availableCash: 2.499 });
    expect(under).toMatchObject({ sizeUsd: 0, shares: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
    expect(under.reason).toBe('Kelly 0.200 x 0.25 x bankroll $10000.00 = $500.00, capped by CASH at $2.50 -> 4.99 shares, below the market minimum of 5');
  });

  it('floors shares to 0.01 so the dollars never exceed the cap, without losing a cent to float error', () => {
    expect(size({ price: 0.37, modelProb: 0.9 })).toMatchObject({ shares: 540.54, sizeUsd: 199.9998 });
    expect(size({ price: 0.1, modelProb: 0.9, availableCash: 0.6, minOrderSize: 1 })).toMatchObject({ shares: 6, sizeUsd: 0.6 });
  });

  it('returns size 0 with KELLY when the model sees no edge', () => {
    for (const modelProb of [0.5, 0.4, 0]) {
      const result = size({ modelProb });
      expect(result).toEqual({ sizeUsd: 0, shares: 0, price: 0.5, kellyFraction: 0, bindingConstraint: 'KELLY', reason: `no edge: model ${modelProb.toFixed(3)} <= price 0.500` });
    }
  });

  it('sizes nothing on a zero bankroll or a zero Kelly multiplier', () => {
    expect(size({ bankroll: 0 })).toMatchObject({ sizeUsd: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
    expect(size({ kellyFraction: 0 })).toMatchObject({ sizeUsd: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
  });

  it('handles prices at the edges of the grid', () => {
    expect(size({ price: 0.99, modelProb: 1 })).toMatchObject({ kellyFraction: 1, sizeUsd: 199.9998, shares: 202.02, bindingConstraint: 'MAX_POSITION_PCT' });
    expect(size({ price: 0.01, modelProb: 0.02, maxPositionPct: 100 })).toMatchObject({ price: 0.01, bindingConstraint: 'KELLY', shares: 2525.25, sizeUsd: 25.2525 });
  });

  it('puts the price on the tick grid, rounding an off-grid ask up', () => {
    expect(size({ price: 0.1 + 0.2, modelProb: 0.6 }).price).toBe(0.3);
    expect(size({ price: 0.301, modelProb: 0.6 }).price).toBe(0.31);
    expect(size({ price: 0.305, modelProb: 0.6, tickSize: 0.001 }).price).toBe(0.305);
    expect(() => size({ price: 0.995, modelProb: 1 })).toThrow('position sizing: price 0.995 rounds up to 1 on tick 0.01');
  });

  it.each<[keyof PositionSizingInput, number, string]>([
    ['price', Number.NaN, 'price must be a number in (0, 1), got NaN'],
    ['price', 0, 'price must be a number in (0, 1), got 0'],
    ['price', 1, 'price must be a number in (0, 1), got 1'],
    ['modelProb', 1.2, 'modelProb must be a number in [0, 1], got 1.2'],
    ['modelProb', Number.NaN, 'modelProb must be a number in [0, 1], got NaN'],
    ['bankroll', -1, 'bankroll must be a number >= 0, got -1'],
    ['bankroll', Number.POSITIVE_INFINITY, 'bankroll must be a number >= 0, got Infinity'],
    ['kellyFraction', 1.5, 'kellyFraction must be a number in [0, 1], got 1.5'],
    ['maxPositionPct', 101, 'maxPositionPct must be a percent in [0, 100], got 101'],
    ['maxNotionalPerMarket', Number.NaN, 'maxNotionalPerMarket must be a number >= 0, got NaN'],
    ['existingMarketNotional', -0.01, 'existingMarketNotional must be a number >= 0, got -0.01'],
    ['availableCash', Number.NaN, 'availableCash must be a finite number when given, got NaN'],
    ['tickSize', 0, 'tickSize must be a number in (0, 1), got 0'],
    ['minOrderSize', -5, 'minOrderSize must be a number >= 0, got -5'],
  ])('refuses %s = %p, naming it', (field, value, message) => {
    expect(() => size({ [field]: value })).toThrow(PositionSizingError);
    expect(() => size({ [field]: value })).toThrow(`position sizing: ${message}`);
  });
});
