import type { MarketSnapshot, TokenQuote } from '@polybot/domain';
import { marketFingerprint } from './market-fingerprint';

const quote = (tokenId: string, outcome: string): TokenQuote => ({
  tokenId, outcome, bestBid: 0.4, bestAsk: 0.42, mid: 0.41, spread: 0.02, bidDepthUsd: 40, askDepthUsd: 42, bookTimestamp: 1_000,
});

const market = (): MarketSnapshot => ({
  marketId: 'm1', conditionId: '0xm1', question: 'Q?', slug: 'm1', eventId: 'E1', eventSlug: 'e1', negRisk: true, endDate: null, category: null, tags: [],
  active: true, closed: false, acceptingOrders: true, enableOrderBook: true, liquidityUsd: 5_000, volume24hUsd: 100, tickSize: 0.01, minOrderSize: 5,
  feeSchedule: null, tokens: [quote('m1-yes', 'Yes'), quote('m1-no', 'No')], fetchedAt: '2026-01-01T00:00:00.000Z',
  umaResolutionStatus: null, outcomePrices: [0.41, 0.59],
});

const withYes = (change: Partial<TokenQuote>): Partial<MarketSnapshot> => ({ tokens: [{ ...quote('m1-yes', 'Yes'), ...change }, quote('m1-no', 'No')] });

describe('marketFingerprint', () => {
  it('is a number that is an exact double, the same for the same market', () => {
    const print = marketFingerprint(market());
    expect(Number.isSafeInteger(print)).toBe(true);
    expect(marketFingerprint(market())).toBe(print);
  });

  it('ignores what strategy and risk do not act on (book timestamps, fetch times, mids, liquidity)', () => {
    const later = { ...market(), fetchedAt: '2026-01-02T00:00:00.000Z', liquidityUsd: 1, ...withYes({ bookTimestamp: 9_000, mid: 0.5 }) };
    expect(marketFingerprint(later)).toBe(marketFingerprint(market()));
  });

  it.each([
    ['a best bid', withYes({ bestBid: 0.39 })],
    ['a best ask', withYes({ bestAsk: 0.43 })],
    ['a side emptying (null is not 0)', withYes({ bestBid: null })],
    ['a best bid of 0 against none', withYes({ bestBid: 0 })],
    ['bid depth', withYes({ bidDepthUsd: 40.000001 })],
    ['ask depth', withYes({ askDepthUsd: 1 })],
    ['the tick size', { tickSize: 0.001 }],
    ['closing', { closed: true }],
    ['no longer accepting orders', { acceptingOrders: false }],
    ['a token fewer', { tokens: [quote('m1-yes', 'Yes')] }],
  ])('changes with %s', (_, change) => {
    expect(marketFingerprint({ ...market(), ...change })).not.toBe(marketFingerprint(market()));
  });

  it('tells apart the same quotes on swapped tokens', () => {
    const yes = { ...quote('m1-yes', 'Yes'), bestBid: 0.1 };
    const no = { ...quote('m1-no', 'No'), bestBid: 0.9 };
    expect(marketFingerprint({ ...market(), tokens: [yes, no] })).not.toBe(marketFingerprint({ ...market(), tokens: [{ ...yes, bestBid: 0.9 }, { ...no, bestBid: 0.1 }] }));
  });

  it('gives 10,000 random markets 10,000 different prints', () => {
    const prints = new Set<number>();
    for (let i = 0; i < 10_000; i += 1) {
      const price = Math.round(Math.random() * 1000) / 1000;
      prints.add(marketFingerprint({ ...market(), ...withYes({ bestBid: price, bidDepthUsd: i }) }));
    }
    expect(prints.size).toBe(10_000);
  });
});
