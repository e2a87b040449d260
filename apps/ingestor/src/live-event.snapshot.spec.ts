import type { EventSnapshot, MarketSnapshot, OrderBook } from '@polybot/domain';
import { compactBook } from '@polybot/polymarket';
import { liveEventSnapshot, withStreamResolutions, type LiveMarketData } from './live-event.snapshot';

const cycleQuote = (tokenId: string, outcome: string) => ({
  tokenId, outcome, bestBid: 0.4, bestAsk: 0.42, mid: 0.41, spread: 0.02, bidDepthUsd: 40, askDepthUsd: 42, bookTimestamp: 1_000,
});

const market = (id: string): MarketSnapshot => ({
  marketId: id, conditionId: `0x${id}`, question: `Q ${id}?`, slug: id, eventId: 'E1', eventSlug: 'e1', negRisk: true, endDate: null, category: null, tags: [],
  active: true, closed: false, acceptingOrders: true, enableOrderBook: true, liquidityUsd: 5_000, volume24hUsd: 100, tickSize: 0.01, minOrderSize: 5,
  feeSchedule: null, tokens: [cycleQuote(`${id}-yes`, 'Yes'), cycleQuote(`${id}-no`, 'No')], fetchedAt: '2026-01-01T00:00:00.000Z',
  umaResolutionStatus: null, outcomePrices: [0.41, 0.59],
});

const event: EventSnapshot = { eventId: 'E1', slug: 'e1', title: 'E1', negRisk: true, markets: [market('m1'), market('m2')] };

const liveBook: OrderBook = {
  tokenId: 'm1-yes', conditionId: '0xm1', bids: [{ price: 0.3, size: 100 }], asks: [{ price: 0.35, size: 20 }],
  tickSize: 0.001, minOrderSize: 0, negRisk: true, timestamp: 5_000,
};

function live(data: { books?: OrderBook[]; heard?: Record<string, number>; current?: Record<string, number>; resolved?: Record<string, string> }): LiveMarketData {
  return {
    compactBook: (tokenId) => {
      const book = data.books?.find((candidate) => candidate.tokenId === tokenId);
      return book && compactBook(book);
    },
    lastMessageAt: (tokenId) => data.heard?.[tokenId],
    currentAsOf: (tokenId) => data.current?.[tokenId] ?? data.heard?.[tokenId],
    resolution: (conditionId) => (data.resolved?.[conditionId] ? { winningAssetId: data.resolved[conditionId]! } : undefined),
  };
}

describe('liveEventSnapshot', () => {
  it('quotes from the live book, takes its tick size, and dates the market by its oldest quote (here the cycle\'s)', () => {
    const at = Date.parse('2026-01-01T00:00:07.000Z');
    const { event: next, newestAt } = liveEventSnapshot(event, live({ books: [liveBook], heard: { 'm1-yes': at } }));
    expect(newestAt).toBe(at);
    expect(next.markets[0]).toEqual({
      ...market('m1'),
      tickSize: 0.001,
      fetchedAt: '2026-01-01T00:00:00.000Z',
      tokens: [
        { tokenId: 'm1-yes', outcome: 'Yes', bestBid: 0.3, bestAsk: 0.35, mid: (0.3 + 0.35) / 2, spread: 0.35 - 0.3, bidDepthUsd: 30, askDepthUsd: 7, bookTimestamp: 5_000 },
        cycleQuote('m1-no', 'No'),
      ],
    });
    // The whole event goes out; the market the stream said nothing about is as the cycle saw it.
    expect(next.markets[1]).toEqual(market('m2'));
  });

  it('dates a market quoted wholly from the stream by the older of its books, each as current as its connection', () => {
    const noBook: OrderBook = { ...liveBook, tokenId: 'm1-no' };
    const heard = { 'm1-yes': Date.parse('2026-01-01T00:00:07.000Z'), 'm1-no': Date.parse('2026-01-01T00:00:02.000Z') };
    // The no book has been quiet since 00:02, but its connection spoke at 00:05: it is current as of then.
    const current = { 'm1-yes': Date.parse('2026-01-01T00:00:08.000Z'), 'm1-no': Date.parse('2026-01-01T00:00:05.000Z') };
    const { event: next, newestAt } = liveEventSnapshot(event, live({ books: [liveBook, noBook], heard, current }));
    expect(next.markets[0]!.fetchedAt).toBe('2026-01-01T00:00:05.000Z');
    expect(newestAt).toBe(heard['m1-yes']);
  });

  it('marks a market the stream saw resolve as closed with the winner at 1 and no quotes', () => {
    const at = Date.parse('2026-01-01T00:00:09.000Z');
    const { event: next } = liveEventSnapshot(event, live({ books: [liveBook], heard: { 'm1-yes': at, 'm1-no': at }, resolved: { '0xm1': 'm1-no' } }));
    expect(next.markets[0]).toMatchObject({ closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', outcomePrices: [0, 1], fetchedAt: '2026-01-01T00:00:09.000Z' });
    expect(next.markets[0]!.tokens.every((token) => token.bestBid === null && token.bestAsk === null && token.bookTimestamp === null)).toBe(true);
  });

  it('leaves the event as the cycle saw it when the stream has nothing on it', () => {
    expect(liveEventSnapshot(event, live({}))).toEqual({ event, newestAt: null });
  });
});

describe('withStreamResolutions', () => {
  it('marks only the markets the stream saw resolve, keeping the cycle\'s fetchedAt', () => {
    const next = withStreamResolutions(event, live({ resolved: { '0xm2': 'm2-yes' } }));
    expect(next.markets[0]).toBe(event.markets[0]);
    expect(next.markets[1]).toMatchObject({ closed: true, acceptingOrders: false, umaResolutionStatus: 'resolved', outcomePrices: [1, 0], fetchedAt: market('m2').fetchedAt });
  });

  it('returns the event itself when nothing resolved or Gamma already closed the market', () => {
    expect(withStreamResolutions(event, live({}))).toBe(event);
    const closed = { ...event, markets: [{ ...market('m1'), closed: true, outcomePrices: [0, 1] }] };
    expect(withStreamResolutions(closed, live({ resolved: { '0xm1': 'm1-yes' } }))).toBe(closed);
  });
});
