import type { Fill } from '../portfolio/portfolio.types';
import { LedgerError, applyFill, buildLedger, emptyLedger } from './ledger';

const T0 = new Date('2026-11-20T12:00:00Z');

function fill(overrides: Partial<Fill>): Fill {
  return {
    intentId: 'i1',
    kind: 'TRADE',
    tokenId: 'tok-yes',
    marketId: 'm1',
    conditionId: '0xcond',
    outcome: 'Yes',
    category: 'politics',
    side: 'BUY',
    price: 0.4,
    shares: 100,
    feeUsd: 0,
    at: T0,
    ...overrides,
  };
}

// Fees below are takerFee(shares, price, {rate 0.07, exponent 1}).
const BUY_1 = fill({ intentId: 'b1', side: 'BUY', price: 0.4, shares: 100, feeUsd: 1.68 }); // 100 x 0.07 x 0.24
const BUY_2 = fill({ intentId: 'b2', side: 'BUY', price: 0.46, shares: 50, feeUsd: 0.8694, at: new Date('2026-11-21T12:00:00Z') }); // 50 x 0.07 x 0.2484
const SELL_1 = fill({ intentId: 's1', side: 'SELL', price: 0.5, shares: 60, feeUsd: 1.05 }); // 60 x 0.07 x 0.25
const SELL_2 = fill({ intentId: 's2', side: 'SELL', price: 0.55, shares: 90, feeUsd: 1.55925 }); // 90 x 0.07 x 0.2475

describe('emptyLedger', () => {
  it('starts with the bankroll in cash and nothing else', () => {
    expect(emptyLedger(1000)).toEqual({ startingCash: 1000, cash: 1000, positions: [], realizedPnlUsd: 0, feesUsd: 0 });
  });

  it('refuses a negative bankroll', () => {
    expect(() => emptyLedger(-5)).toThrow('emptyLedger: starting cash must be a non-negative number, got -5');
  });
});

describe('applyFill', () => {
  it('a BUY spends price x shares + fee and opens the position at cost, fees carried apart', () => {
    const ledger = applyFill(emptyLedger(1000), BUY_1);
    // 1000 - 0.40 x 100 - 1.68 = 958.32
    expect(ledger.cash).toBe(958.32);
    expect(ledger.feesUsd).toBe(1.68);
    expect(ledger.realizedPnlUsd).toBe(0);
    expect(ledger.positions).toEqual([
      {
        tokenId: 'tok-yes',
        marketId: 'm1',
        conditionId: '0xcond',
        outcome: 'Yes',
        category: 'politics',
        shares: 100,
        avgPrice: 0.4,
        costBasisUsd: 40,
        realizedPnlUsd: 0,
        openFeesUsd: 1.68,
        openedAt: T0,
      },
    ]);
  });

  it('a second BUY averages the cost: (40 + 23) / 150 = 0.42, and keeps the first opening time', () => {
    const ledger = buildLedger(1000, [BUY_1, BUY_2]);
    // 958.32 - 0.46 x 50 - 0.8694 = 958.32 - 23 - 0.8694 = 934.4506
    expect(ledger.cash).toBe(934.4506);
    const [position] = ledger.positions;
    expect(position?.shares).toBe(150);
    expect(position?.costBasisUsd).toBe(63);
    expect(position?.avgPrice).toBe(0.42);
    expect(position?.openFeesUsd).toBe(2.5494);
    expect(position?.openedAt).toEqual(T0);
  });

  it('round trip buy, buy, sell, sell: realized P&L includes the fees of both legs', () => {
    const afterFirstSell = buildLedger(1000, [BUY_1, BUY_2, SELL_1]);
    // Sell 60 of 150 at 0.50: price P&L (0.50 - 0.42) x 60 = 4.80;
    // sell fee 1.05; buy fees realized pro rata 2.5494 x 60 / 150 = 1.01976;
    // realized = 4.80 - 1.05 - 1.01976 = 2.73024
    expect(afterFirstSell.realizedPnlUsd).toBe(2.73024);
    // cash 934.4506 + 30 - 1.05 = 963.4006
    expect(afterFirstSell.cash).toBe(963.4006);
    const [rest] = afterFirstSell.positions;
    // 90 shares left at 0.42: cost 37.80, buy fees still carried 2.5494 - 1.01976 = 1.52964
    expect(rest).toMatchObject({ shares: 90, avgPrice: 0.42, costBasisUsd: 37.8, openFeesUsd: 1.52964, realizedPnlUsd: 2.73024 });

    const closed = applyFill(afterFirstSell, SELL_2);
    // Sell 90 at 0.55: (0.55 - 0.42) x 90 = 11.70; minus sell fee 1.55925 and the last buy fees 1.52964
    // = 11.70 - 3.08889 = 8.61111; total realized 2.73024 + 8.61111 = 11.34135
    expect(closed.realizedPnlUsd).toBe(11.34135);
    // Cross-check: proceeds 30 + 49.50 = 79.50, cost 63, all fees 1.68 + 0.8694 + 1.05 + 1.55925 = 5.15865;
    // 79.50 - 63 - 5.15865 = 11.34135, and cash = 1000 + 11.34135 with nothing left held.
    expect(closed.feesUsd).toBe(5.15865);
    expect(closed.cash).toBe(1011.34135);
    expect(closed.positions).toEqual([]);
  });

  it('refuses to sell more than held, naming the token and both sizes, and leaves the ledger unchanged', () => {
    const ledger = applyFill(emptyLedger(1000), BUY_1);
    const oversell = fill({ intentId: 's9', side: 'SELL', shares: 150, price: 0.5 });
    expect(() => applyFill(ledger, oversell)).toThrow(
      'cannot apply fill of intent s9 (TRADE SELL token tok-yes): selling 150 shares of token tok-yes but only 100 held',
    );
    expect(ledger.positions[0]?.shares).toBe(100);
    expect(() => applyFill(emptyLedger(1000), oversell)).toThrow('selling 150 shares of token tok-yes but only 0 held');
  });

  it('keeps positions of different tokens apart', () => {
    const ledger = buildLedger(1000, [BUY_1, fill({ tokenId: 'tok-no', outcome: 'No', price: 0.55, shares: 10 })]);
    expect(ledger.positions.map((position) => [position.tokenId, position.shares])).toEqual([
      ['tok-yes', 100],
      ['tok-no', 10],
    ]);
    // 1000 - 40 - 1.68 - 5.50 = 952.82
    expect(ledger.cash).toBe(952.82);
  });

  it('adds share sizes without float drift: 0.1 + 0.2 shares is 0.3', () => {
    const ledger = buildLedger(10, [fill({ shares: 0.1, price: 0.5 }), fill({ shares: 0.2, price: 0.5 })]);
    expect(ledger.positions[0]?.shares).toBe(0.3);
    expect(applyFill(ledger, fill({ side: 'SELL', shares: 0.3, price: 0.5 })).positions).toEqual([]);
  });

  it('refuses malformed fills with a message naming the bad number', () => {
    expect(() => applyFill(emptyLedger(1000), fill({ shares: 0 }))).toThrow(LedgerError);
    expect(() => applyFill(emptyLedger(1000), fill({ price: 1.5 }))).toThrow('price 1.5 is not in [0, 1]');
    expect(() => applyFill(emptyLedger(1000), fill({ feeUsd: -1 }))).toThrow('fee -1 is not a non-negative number');
    expect(() => applyFill(emptyLedger(1000), fill({ kind: 'SETTLEMENT', side: 'BUY' }))).toThrow('its side must be SELL');
  });
});

describe('settlement fills', () => {
  // 487.80 shares bought at 0.60 with no fee: cost 292.68.
  const BOUGHT = buildLedger(1000, [fill({ price: 0.6, shares: 487.8 })]);
  const settle = (price: number, shares = 487.8): Fill => fill({ intentId: 'c1', kind: 'SETTLEMENT', side: 'SELL', price, shares, feeUsd: 0 });

  it('pays 1 per share on a win: realized (1 - 0.60) x 487.80 = 195.12 and the position is gone', () => {
    const ledger = applyFill(BOUGHT, settle(1));
    expect(ledger.realizedPnlUsd).toBe(195.12);
    // 1000 - 292.68 + 487.80 = 1195.12
    expect(ledger.cash).toBe(1195.12);
    expect(ledger.positions).toEqual([]);
  });

  it('writes the position off at 0 on a loss: realized -0.60 x 487.80 = -292.68', () => {
    const ledger = applyFill(BOUGHT, settle(0));
    expect(ledger.realizedPnlUsd).toBe(-292.68);
    expect(ledger.cash).toBe(707.32);
    expect(ledger.positions).toEqual([]);
  });

  it('pays 0.5 per share on a split: (0.50 - 0.60) x 487.80 = -48.78', () => {
    expect(applyFill(BOUGHT, settle(0.5)).realizedPnlUsd).toBe(-48.78);
  });

  it('refuses a settlement for fewer shares than held: a settlement pays every share', () => {
    expect(() => applyFill(BOUGHT, settle(1, 100))).toThrow('100 shares of token tok-yes settled but 487.8 held');
  });
});
