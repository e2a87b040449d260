import type { Intent, MarketSnapshot, OrderRequest } from '@polybot/domain';
import type { VenueTrade } from '@polybot/polymarket';
import { liveFillsOf, matchedShares, summarizeFills } from './live-fills.mapper';

const order: OrderRequest = { clientOrderId: 'polybot-i', intentId: 'i', tokenId: 'tok', side: 'BUY', price: 0.5, size: 30, notionalUsd: 15, orderType: 'GTC', tickSize: 0.01, negRisk: false };
const intent = { id: 'i', outcome: 'Yes' } as Intent;
const market = { marketId: 'm', conditionId: '0xc', category: 'Politics', tags: [], feeSchedule: { rate: 0.04, exponent: 1, takerOnly: true, rebateRate: 0 } } as unknown as MarketSnapshot;

function trade(over: Partial<VenueTrade>): VenueTrade {
  return { id: 't1', takerOrderId: '0xours', makerOrders: [], tokenId: 'tok', side: 'BUY', size: 10, price: 0.48, feeRateBps: 0, status: 'MATCHED', matchTime: '1764230000', traderSide: 'TAKER', ...over };
}

describe('liveFillsOf', () => {
  it('records a taker fill per trade with the taker fee and a maker fill from our matched amount without it', () => {
    const fills = liveFillsOf(
      [
        trade({ id: 't1' }),
        trade({ id: 't2', takerOrderId: '0xother', makerOrders: [{ orderId: '0xours', matchedAmount: 5, price: 0.5 }, { orderId: '0xsomeone', matchedAmount: 7, price: 0.5 }] }),
        trade({ id: 't3', status: 'FAILED' }),
        trade({ id: 't1' }),
        trade({ id: 't4', takerOrderId: '0xnot-ours' }),
      ],
      '0xours', order, intent, market, new Date(0),
    );
    expect(fills).toHaveLength(2);
    expect(fills[0]).toMatchObject({ intentId: 'i', kind: 'TRADE', tokenId: 'tok', marketId: 'm', conditionId: '0xc', outcome: 'Yes', side: 'BUY', price: 0.48, shares: 10, at: new Date(1764230000 * 1000) });
    // 10 x 0.04 x 0.48 x 0.52 = 0.09984
    expect(fills[0].feeUsd).toBeCloseTo(0.09984, 5);
    expect(fills[1]).toMatchObject({ price: 0.5, shares: 5, feeUsd: 0 });
    expect(summarizeFills(fills)).toEqual({ filledSize: 15, avgPrice: Number(((10 * 0.48 + 5 * 0.5) / 15).toFixed(6)), fees: 0.09984 });
  });

  it('summarizes no fills as nothing filled', () => {
    expect(summarizeFills([])).toEqual({ filledSize: 0, avgPrice: null, fees: 0 });
  });
});

describe('matchedShares', () => {
  it('counts our part of each settled trade once, as taker or maker, like liveFillsOf', () => {
    const trades = [
      trade({ id: 't1' }),
      trade({ id: 't2', takerOrderId: '0xother', makerOrders: [{ orderId: '0xours', matchedAmount: 5, price: 0.5 }] }),
      trade({ id: 't3', status: 'failed' }),
      trade({ id: 't1' }),
      trade({ id: 't4', takerOrderId: '0xnot-ours' }),
    ];
    expect(matchedShares(trades, '0xours')).toBe(15);
    expect(matchedShares(trades, '0xours')).toBe(summarizeFills(liveFillsOf(trades, '0xours', order, intent, market, new Date(0))).filledSize);
    expect(matchedShares([], '0xours')).toBe(0);
  });
});
