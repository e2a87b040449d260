import type { Fill } from '../portfolio/portfolio.types';
import { buildLedger } from './ledger';
import { markLedger } from './mark-ledger';

const AT = new Date('2026-11-20T12:00:00Z');

function buy(tokenId: string, price: number, shares: number, feeUsd: number): Fill {
  return { intentId: `b-${tokenId}-${price}`, kind: 'TRADE', tokenId, marketId: `m-${tokenId}`, conditionId: '0xc', outcome: 'Yes', category: null, side: 'BUY', price, shares, feeUsd, at: AT };
}

// tok-a: 100 @ 0.40 (fee 1.68) + 50 @ 0.46 (fee 0.8694) -> 150 shares, cost 63, avg 0.42.
// tok-b: 20 @ 0.70 (no fee) -> cost 14.
// cash: 1000 - 40 - 1.68 - 23 - 0.8694 - 14 = 920.4506
const LEDGER = buildLedger(1000, [buy('tok-a', 0.4, 100, 1.68), buy('tok-a', 0.46, 50, 0.8694), buy('tok-b', 0.7, 20, 0)]);

describe('markLedger', () => {
  it('values positions at the best bid; equity = cash + positions value', () => {
    const marked = markLedger(LEDGER, new Map([['tok-a', 0.45], ['tok-b', 0.65]]));
    const [a, b] = marked.positions;
    // tok-a: 0.45 x 150 = 67.50; 67.50 - 63 = 4.50; 4.50 / 63 = 7.142857...%
    expect(a).toMatchObject({ tokenId: 'tok-a', markPrice: 0.45, marketValueUsd: 67.5, unrealizedPnlUsd: 4.5 });
    expect(a?.pnlPct).toBeCloseTo((4.5 / 63) * 100, 10);
    // tok-b: 0.65 x 20 = 13.00; 13 - 14 = -1.00; -1 / 14 = -7.142857...%
    expect(b).toMatchObject({ tokenId: 'tok-b', markPrice: 0.65, marketValueUsd: 13, unrealizedPnlUsd: -1 });
    expect(marked.positionsValueUsd).toBe(80.5);
    expect(marked.unrealizedPnlUsd).toBe(3.5);
    // 920.4506 + 80.50 = 1000.9506
    expect(marked.equity).toBe(1000.9506);
    expect(marked.unmarkedTokenIds).toEqual([]);
  });

  it('equity = startingCash + realized + unrealized - buy fees still carried', () => {
    const marked = markLedger(LEDGER, new Map([['tok-a', 0.45], ['tok-b', 0.65]]));
    const carried = LEDGER.positions.reduce((sum, position) => sum + (position.openFeesUsd ?? 0), 0);
    // 1000 + 0 + 3.50 - 2.5494 = 1000.9506
    expect(carried).toBe(2.5494);
    expect(marked.equity).toBeCloseTo(LEDGER.startingCash + LEDGER.realizedPnlUsd + marked.unrealizedPnlUsd - carried, 8);
  });

  it('values an unmarked position (null or missing mark) at cost and lists it', () => {
    const marked = markLedger(LEDGER, new Map([['tok-a', null]]));
    expect(marked.positions.map((position) => [position.markPrice, position.marketValueUsd, position.unrealizedPnlUsd, position.pnlPct])).toEqual([
      [null, 63, 0, 0],
      [null, 14, 0, 0],
    ]);
    expect(marked.unmarkedTokenIds).toEqual(['tok-a', 'tok-b']);
    // 920.4506 + 63 + 14
    expect(marked.equity).toBe(997.4506);
  });

  it('refuses a mark outside [0, 1], naming the token', () => {
    expect(() => markLedger(LEDGER, new Map([['tok-b', 1.3]]))).toThrow('markLedger: mark for token tok-b must be in [0, 1], got 1.3');
  });
});
