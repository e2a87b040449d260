import type { Position } from '../portfolio/portfolio.types';
import { UNCATEGORIZED } from '../risk/market-category';
import { exposureOf, withOpenIntent } from './exposure';

function position(marketId: string, category: string | null, costBasisUsd: number): Position {
  return { tokenId: `t-${marketId}`, marketId, conditionId: '0xc', outcome: 'Yes', category, shares: costBasisUsd * 2, avgPrice: 0.5, costBasisUsd, realizedPnlUsd: 0, openedAt: new Date(0) };
}

describe('exposureOf', () => {
  it('adds positions at cost and open intents at size, per market and per category', () => {
    const exposure = exposureOf(
      [position('m1', 'politics', 40), position('m2', 'sports', 25.5), position('m3', null, 6), position('m5', '  ', 4)],
      [
        { marketId: 'm1', category: 'politics', sizeUsd: 12.25 },
        { marketId: 'm4', category: 'politics', sizeUsd: 7 },
      ],
    );
    // 40 + 25.50 + 6 + 4 + 12.25 + 7 = 94.75; a null and a blank category both count as uncategorized
    expect(exposure).toEqual({
      totalUsd: 94.75,
      byMarket: { m1: 52.25, m2: 25.5, m3: 6, m4: 7, m5: 4 },
      byCategory: { politics: 59.25, sports: 25.5, [UNCATEGORIZED]: 10 },
    });
  });

  it('is zero with nothing held or pending', () => {
    expect(exposureOf([], [])).toEqual({ totalUsd: 0, byMarket: {}, byCategory: {} });
  });

  it('refuses a negative size, naming the market', () => {
    expect(() => exposureOf([], [{ marketId: 'm9', category: null, sizeUsd: -1 }])).toThrow('exposureOf: dollars committed to market m9 must be a non-negative number, got -1');
  });
});

describe('withOpenIntent', () => {
  it('equals exposureOf with the intent in the list, and leaves its input alone', () => {
    const positions = [position('m1', 'politics', 40), position('m2', null, 6)];
    const before = exposureOf(positions, [{ marketId: 'm1', category: 'politics', sizeUsd: 12.25 }]);
    const added = { marketId: 'm3', category: ' ', sizeUsd: 7.1 };
    const copy = structuredClone(before);
    expect(withOpenIntent(before, added)).toEqual(exposureOf(positions, [{ marketId: 'm1', category: 'politics', sizeUsd: 12.25 }, added]));
    expect(before).toEqual(copy);
  });
});
