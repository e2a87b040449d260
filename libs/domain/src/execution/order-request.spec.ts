import type { Intent } from '../intent/intent.types';
import { buildOrderRequest, mayRest, OrderRequestError } from './order-request';

const intent = (overrides: Partial<Intent> = {}): Intent => ({
  id: '11111111-2222-3333-4444-555555555555',
  type: 'OPEN_POSITION',
  status: 'EXECUTING',
  marketId: 'm1',
  conditionId: '0xc',
  tokenId: 't1',
  outcome: 'Yes',
  side: 'BUY',
  price: 0.41,
  sizeUsd: 150,
  edge: 0.09,
  modelProb: 0.5,
  marketPrice: 0.41,
  confidence: 0.6,
  reason: 'r',
  strategy: 's',
  riskChecks: [],
  createdAt: new Date(0),
  expiresAt: new Date(60_000),
  decidedAt: null,
  decidedBy: null,
  statusReason: null,
  executedAt: null,
  ...overrides,
});

describe('buildOrderRequest', () => {
  it('prices on the tick and sizes in whole cents of shares from the dollars', () => {
    const order = buildOrderRequest(intent(), { tickSize: 0.01, minOrderSize: 5, negRisk: true }, 'GTC');
    expect(order).toEqual({
      clientOrderId: 'polybot-11111111-2222-3333-4444-555555555555',
      intentId: '11111111-2222-3333-4444-555555555555',
      tokenId: 't1',
      side: 'BUY',
      price: 0.41,
      size: 365.85,
      notionalUsd: 149.9985,
      orderType: 'GTC',
      tickSize: 0.01,
      negRisk: true,
    });
  });

  it('rounds a BUY up and a SELL down onto a coarser tick', () => {
    expect(buildOrderRequest(intent({ price: 0.4123 }), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC').price).toBe(0.42);
    expect(buildOrderRequest(intent({ price: 0.4187, side: 'SELL' }), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'FOK').price).toBe(0.41);
  });

  it('refuses an order below the market minimum, naming the intent and the numbers', () => {
    expect(() => buildOrderRequest(intent({ sizeUsd: 1 }), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC')).toThrow(
      new OrderRequestError('11111111-2222-3333-4444-555555555555', 'size 2.43 shares is below the market minimum of 5'),
    );
  });

  it('refuses a price off the tradable range and a nonsense tick', () => {
    expect(() => buildOrderRequest(intent({ price: 0.999 }), { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC')).toThrow(/outside/);
    expect(() => buildOrderRequest(intent(), { tickSize: 0, minOrderSize: 5, negRisk: false }, 'GTC')).toThrow(/tick size 0/);
  });

  it('sells exactly the shares given for a close, not dollars divided by the price', () => {
    const close = intent({ type: 'CLOSE_POSITION', side: 'SELL', price: 0.46, sizeUsd: 224.388 });
    expect(buildOrderRequest(close, { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'GTC', 487.8).size).toBe(487.8);
  });
});

describe('mayRest', () => {
  it('GTC and GTD rest on the book; FOK and FAK match at once or are killed', () => {
    expect(['GTC', 'GTD', 'FOK', 'FAK'].map((type) => [type, mayRest(type as 'GTC')])).toEqual([['GTC', true], ['GTD', true], ['FOK', false], ['FAK', false]]);
  });
});
