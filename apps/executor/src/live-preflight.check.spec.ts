import type { Intent, OrderBook, OrderRequest } from '@polybot/domain';
import { checkFunds, checkNotExpired, checkSlippage, PreflightRefusal } from './live-preflight.check';

const EXCHANGE = '0xE111180000d2663C0091e4f400237545B87B996B';
const buy: OrderRequest = { clientOrderId: 'polybot-1', intentId: '1', tokenId: 't', side: 'BUY', price: 0.43, size: 100, notionalUsd: 43, orderType: 'GTC', tickSize: 0.01, negRisk: false };
const sell: OrderRequest = { ...buy, side: 'SELL', price: 0.6, notionalUsd: 60 };

function book(bestBid: number | null, bestAsk: number | null): OrderBook {
  return {
    tokenId: 't', conditionId: 'c', tickSize: 0.01, minOrderSize: 5, negRisk: false, timestamp: 0,
    bids: bestBid === null ? [] : [{ price: bestBid, size: 100 }], asks: bestAsk === null ? [] : [{ price: bestAsk, size: 100 }],
  };
}

describe('live pre-flight', () => {
  it('refuses an expired intent', () => {
    const intent = { expiresAt: new Date('2026-01-01T00:00:00Z') } as Intent;
    expect(() => checkNotExpired(intent, new Date('2026-01-01T00:00:00Z'))).toThrow(/intent expired at 2026-01-01T00:00:00.000Z; nothing sent/);
    expect(() => checkNotExpired(intent, new Date('2025-12-31T23:59:59Z'))).not.toThrow();
  });

  it('lets a BUY through when the best ask is within slippage above the limit, or below it', () => {
    expect(() => checkSlippage(buy, book(0.4, 0.45), 0.02)).not.toThrow();
    expect(() => checkSlippage(buy, book(0.3, 0.35), 0.02)).not.toThrow();
  });

  it('refuses a BUY whose best ask moved more than the slippage above the limit, naming both prices', () => {
    expect(() => checkSlippage(buy, book(0.44, 0.46), 0.02)).toThrow('pre-flight: price drifted beyond POLYBOT_MAX_SLIPPAGE: best ask 0.46 vs limit 0.43 (0.0300 > 0.02); nothing sent');
  });

  it('refuses a SELL whose best bid fell more than the slippage below the limit', () => {
    expect(() => checkSlippage(sell, book(0.58, 0.62), 0.02)).not.toThrow();
    expect(() => checkSlippage(sell, book(0.55, 0.62), 0.02)).toThrow(/best bid 0.55 vs limit 0.6/);
  });

  it('refuses without a book or without the side it would trade against', () => {
    expect(() => checkSlippage(buy, undefined, 0.02)).toThrow(PreflightRefusal);
    expect(() => checkSlippage(buy, book(0.4, null), 0.02)).toThrow(/no ask in the book/);
    expect(() => checkSlippage(sell, book(null, 0.5), 0.02)).toThrow(/no bid in the book/);
  });

  it('needs pUSD for a BUY (notional plus fee headroom) and an allowance for the exchange it is signed for', () => {
    expect(() => checkFunds(buy, { balance: 100, allowances: { [EXCHANGE]: 1e12 } }, EXCHANGE)).not.toThrow();
    expect(() => checkFunds(buy, { balance: 43, allowances: {} }, EXCHANGE)).toThrow(/balance 43 pUSD is below the 43.860000 the order needs/);
    expect(() => checkFunds(buy, { balance: 100, allowances: { [EXCHANGE.toLowerCase()]: 10 } }, EXCHANGE)).toThrow(/allowance 10 pUSD for the exchange/);
  });

  it('needs the shares for a SELL', () => {
    expect(() => checkFunds(sell, { balance: 100, allowances: {} }, EXCHANGE)).not.toThrow();
    expect(() => checkFunds(sell, { balance: 99.5, allowances: {} }, EXCHANGE)).toThrow(/balance 99.5 shares is below the 100.000000/);
  });
});
