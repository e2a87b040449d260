import { buildOrderRequest, type OrderRequest } from '../execution/order-request';
import type { Intent } from '../intent/intent.types';
import type { FeeSchedule, MarketSnapshot, OrderBook } from '../market/market.types';
import { quoteFromBook } from '../market/order-book';
import { applyFill, emptyLedger } from '../paper/ledger';
import { markLedger } from '../paper/mark-ledger';
import { simulateFill } from '../paper/paper-fill';
import { fillsFromPaperFill } from '../paper/paper-fill-to-fills';
import { closePositionDraft } from './close-position.draft';
import { DEFAULT_EXIT_SETTINGS } from './exit-settings';
import { evaluateExits } from './evaluate-exits';

/** Golden scenario on a pinned clock: open on paper, mark, take profit, close on paper, realize. */
const OPENED = Date.parse('2026-11-20T12:00:00Z');
const LATER = Date.parse('2026-11-22T12:00:00Z');
const FEES: FeeSchedule = { rate: 0.07, exponent: 1, takerOnly: true };
const INSTRUMENT = { marketId: 'm1', conditionId: '0xcond', outcome: 'Yes', category: 'politics' };

function book(bids: OrderBook['bids'], asks: OrderBook['asks'], timestamp: number): OrderBook {
  return { tokenId: 'tok-yes', conditionId: '0xcond', bids, asks, tickSize: 0.01, minOrderSize: 5, negRisk: false, timestamp };
}

function snapshot(yes: OrderBook): MarketSnapshot {
  return {
    ...INSTRUMENT,
    question: 'Will it happen?',
    slug: 'will-it-happen',
    eventId: null,
    eventSlug: null,
    negRisk: false,
    endDate: '2026-12-31T00:00:00Z',
    tags: [],
    active: true,
    closed: false,
    acceptingOrders: true,
    enableOrderBook: true,
    liquidityUsd: 10_000,
    volume24hUsd: 5_000,
    tickSize: 0.01,
    minOrderSize: 5,
    feeSchedule: FEES,
    tokens: [quoteFromBook(yes, 'Yes')],
    fetchedAt: new Date(yes.timestamp).toISOString(),
  };
}

function intentFrom(fields: Pick<Intent, 'id' | 'type' | 'side' | 'price' | 'sizeUsd' | 'reason' | 'createdAt' | 'expiresAt'>): Intent {
  return {
    ...fields,
    status: 'APPROVED',
    marketId: 'm1',
    conditionId: '0xcond',
    tokenId: 'tok-yes',
    outcome: 'Yes',
    edge: null,
    modelProb: null,
    marketPrice: null,
    confidence: null,
    strategy: null,
    riskChecks: [],
    decidedAt: null,
    decidedBy: 'operator',
    statusReason: null,
    executedAt: null,
  };
}

describe('paper round trip: buy over two levels, take profit, sell at the bid', () => {
  const buyOrder: OrderRequest = { clientOrderId: 'polybot-open-1', intentId: 'open-1', tokenId: 'tok-yes', side: 'BUY', price: 0.42, size: 150, notionalUsd: 63, orderType: 'FAK', tickSize: 0.01, negRisk: false };
  const entryBook = book([{ price: 0.39, size: 500 }], [{ price: 0.4, size: 100 }, { price: 0.41, size: 100 }], OPENED);
  const bought = simulateFill(buyOrder, entryBook, FEES);
  const afterBuy = fillsFromPaperFill(bought, buyOrder, INSTRUMENT, new Date(OPENED)).reduce(applyFill, emptyLedger(1000));

  it('opens 150 shares at an average of 60.50 / 150 and spends notional plus fees', () => {
    // 100 @ 0.40 (fee 100 x 0.07 x 0.24 = 1.68) + 50 @ 0.41 (fee 50 x 0.07 x 0.2419 = 0.84665)
    expect(bought.notionalUsd).toBe(60.5);
    expect(bought.feeUsd).toBe(2.52665);
    // 1000 - 60.50 - 2.52665 = 936.97335
    expect(afterBuy.cash).toBe(936.97335);
    expect(afterBuy.positions[0]?.shares).toBe(150);
    expect(afterBuy.positions[0]?.avgPrice).toBeCloseTo(60.5 / 150, 12);
  });

  const exitBook = book([{ price: 0.46, size: 200 }, { price: 0.45, size: 300 }], [{ price: 0.47, size: 100 }], LATER);
  const market = snapshot(exitBook);
  const marked = markLedger(afterBuy, new Map([['tok-yes', 0.46]]));
  const position = marked.positions[0];
  if (position === undefined) throw new Error('expected a position');
  const decision = evaluateExits(position, market, { settings: DEFAULT_EXIT_SETTINGS, normalSpread: 0.01, now: LATER });

  it('proposes a take-profit at the best bid: (0.46 - 0.40333) / 0.40333 = 14.05%', () => {
    expect(decision).toEqual({ rule: 'TAKE_PROFIT', reason: 'Take-profit: PnL 14.0% >= target 10%', price: 0.46, shares: 150 });
    // The ledger's mark agrees: 0.46 x 150 = 69.00 over a cost of 60.50
    expect(position.unrealizedPnlUsd).toBe(8.5);
  });

  it('the approved close sells exactly the shares held and realizes P&L net of both legs\' fees', () => {
    if (decision === null) throw new Error('expected an exit');
    const draft = closePositionDraft(position, decision, LATER, 45);
    const intent = intentFrom({ id: 'close-1', type: draft.type, side: draft.side, price: draft.price, sizeUsd: draft.sizeUsd, reason: draft.reason, createdAt: draft.createdAt, expiresAt: draft.expiresAt });
    const sellOrder = buildOrderRequest(intent, { tickSize: 0.01, minOrderSize: 5, negRisk: false }, 'FAK');
    expect(sellOrder).toMatchObject({ side: 'SELL', price: 0.46, size: 150 });

    const sold = simulateFill(sellOrder, exitBook, FEES);
    // 150 @ 0.46 within the first bid level; fee 150 x 0.07 x (0.46 x 0.54) = 150 x 0.07 x 0.2484 = 2.6082
    expect(sold).toMatchObject({ status: 'FILLED', filledShares: 150, notionalUsd: 69, feeUsd: 2.6082 });
    const closed = fillsFromPaperFill(sold, sellOrder, INSTRUMENT, new Date(LATER)).reduce(applyFill, afterBuy);
    // realized = 69.00 - 60.50 - sell fee 2.6082 - buy fees 2.52665 = 8.50 - 5.13485 = 3.36515
    expect(closed.realizedPnlUsd).toBe(3.36515);
    // cash = 936.97335 + 69.00 - 2.6082 = 1003.36515 = 1000 + realized
    expect(closed.cash).toBe(1003.36515);
    expect(closed.positions).toEqual([]);
    expect(closed.feesUsd).toBe(5.13485);
  });
});
