import type { PositionSizingInput } from './position-sizing-input';
import { sizePosition } from './position-sizer';

/** q 0.6 at p 0.5: quarter Kelly on $10,000 = $500; 2% cap = $200. */
const BASE: PositionSizingInput = {
  price: 0.5,
  modelProb: 0.6,
  bankroll: 10_000,
  kellyFraction: 0.25,
  maxPositionPct: 2,
  maxNotionalPerMarket: 1_000,
  existingMarketNotional: 0,
  tickSize: 0.01,
  minOrderSize: 5,
};
const size = (overrides: Partial<PositionSizingInput>) => sizePosition({ ...BASE, ...overrides });

describe('sizePosition: exposure headroom', () => {
  it.each([
    [{ remainingTotalExposureUsd: 200.01 }, 200, 'MAX_POSITION_PCT'],
    [{ remainingTotalExposureUsd: 200 }, 200, 'MAX_POSITION_PCT'],
    [{ remainingTotalExposureUsd: 199.99 }, 199.99, 'MAX_TOTAL_EXPOSURE_PCT'],
    [{ remainingCategoryExposureUsd: 120 }, 120, 'MAX_CATEGORY_EXPOSURE_PCT'],
    [{ remainingTotalExposureUsd: 120, remainingCategoryExposureUsd: 120 }, 120, 'MAX_TOTAL_EXPOSURE_PCT'],
    [{ remainingTotalExposureUsd: 150, remainingCategoryExposureUsd: 100, availableCash: 90 }, 90, 'CASH'],
    [{ remainingTotalExposureUsd: null, remainingCategoryExposureUsd: undefined }, 200, 'MAX_POSITION_PCT'],
  ])('%p -> $%p bound by %s', (overrides, sizeUsd, bindingConstraint) => {
    expect(size(overrides)).toMatchObject({ sizeUsd, bindingConstraint });
  });

  it('buys nothing with no headroom, or a negative one (already over the limit)', () => {
    expect(size({ remainingTotalExposureUsd: -100 })).toMatchObject({
      sizeUsd: 0,
      bindingConstraint: 'BELOW_MIN_ORDER_SIZE',
      reason: 'Kelly 0.200 x 0.25 x bankroll $10000.00 = $500.00, capped by MAX_TOTAL_EXPOSURE_PCT at $0.00 -> 0.00 shares, below the market minimum of 5',
    });
  });

  it('refuses a headroom that is not a finite number, naming it', () => {
    expect(() => size({ remainingCategoryExposureUsd: Number.NaN })).toThrow('position sizing: remainingCategoryExposureUsd must be a finite number when given, got NaN');
  });
});
