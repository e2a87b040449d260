import { event, market, quote } from './test/market-snapshot.fixture';
import { NegRiskConsistencyStrategy } from './neg-risk-consistency.strategy';
import { negRiskConfidence, negRiskFairValues } from './neg-risk-fair-value';
import type { MarketSnapshot } from '../market/market.types';

const NOW = Date.parse('2026-11-27T00:00:00Z');

/** YES mids 0.40 / 0.25 / 0.15 (sum 0.80): fairs 0.5000 / 0.3125 / 0.1875. */
function threeWay(overrides: Partial<Record<'a' | 'b' | 'c', Partial<MarketSnapshot>>> = {}): MarketSnapshot[] {
  const leg = (id: 'a' | 'b' | 'c', bid: number, ask: number): MarketSnapshot =>
    market({ marketId: id, negRisk: true, tokens: [quote(`${id}-yes`, 'Yes', bid, ask), quote(`${id}-no`, 'No', 1 - ask, 1 - bid)], ...overrides[id] });
  return [leg('a', 0.39, 0.41), leg('b', 0.24, 0.26), leg('c', 0.14, 0.16)];
}

describe('negRiskFairValues', () => {
  it('normalizes each YES mid by the sum of the mids', () => {
    const values = negRiskFairValues(event(threeWay()))!;
    expect(values.sumOfMids).toBeCloseTo(0.8, 12);
    expect(values.legs.map((leg) => leg.token.tokenId)).toEqual(['a-yes', 'b-yes', 'c-yes']);
    expect(values.legs[0]!.mid).toBeCloseTo(0.4, 12);
    expect(values.legs[0]!.fair).toBeCloseTo(0.5, 12);
    expect(values.legs[1]!.fair).toBeCloseTo(0.3125, 12);
    expect(values.legs[2]!.fair).toBeCloseTo(0.1875, 12);
    expect(values.legs.reduce((sum, leg) => sum + leg.fair, 0)).toBeCloseTo(1, 12);
  });

  it('finds the YES token by outcome in any case, wherever it is listed', () => {
    const legs = threeWay();
    legs[0] = { ...legs[0]!, tokens: [quote('a-no', 'No', 0.1, 0.9), quote('a-yes', 'YES', 0.39, 0.41)] };
    expect(negRiskFairValues(event(legs))!.legs[0]!.token.tokenId).toBe('a-yes');
  });

  it('falls back to the first token when no outcome is Yes', () => {
    const legs = threeWay();
    legs[0] = { ...legs[0]!, tokens: [quote('a-first', 'Trump', 0.39, 0.41), quote('a-second', 'Harris', 0.1, 0.9)] };
    expect(negRiskFairValues(event(legs))!.legs[0]!.token.tokenId).toBe('a-first');
  });

  it('is null for an event that is not neg-risk or has fewer than 2 markets', () => {
    expect(negRiskFairValues(event(threeWay(), false))).toBeNull();
    expect(negRiskFairValues(event(threeWay().slice(0, 1)))).toBeNull();
    expect(negRiskFairValues(event([]))).toBeNull();
  });

  it('is null when any market lacks a YES mid (one-sided book, no book, no tokens)', () => {
    const oneSided = threeWay({ c: { tokens: [quote('c-yes', 'Yes', null, 0.16)] } });
    const noBook = threeWay({ c: { tokens: [quote('c-yes', 'Yes', null, null)] } });
    const noTokens = threeWay({ c: { tokens: [] } });
    expect(negRiskFairValues(event(oneSided))).toBeNull();
    expect(negRiskFairValues(event(noBook))).toBeNull();
    expect(negRiskFairValues(event(noTokens))).toBeNull();
  });

  it('is null when a mid is NaN rather than normalizing with it', () => {
    const legs = threeWay();
    legs[1] = { ...legs[1]!, tokens: [{ ...legs[1]!.tokens[0]!, mid: Number.NaN }] };
    expect(negRiskFairValues(event(legs))).toBeNull();
  });

  it('counts a closed market that still has a mid', () => {
    const values = negRiskFairValues(event(threeWay({ c: { closed: true, acceptingOrders: false } })))!;
    expect(values.sumOfMids).toBeCloseTo(0.8, 12);
    expect(values.legs).toHaveLength(3);
  });
});

describe('negRiskConfidence', () => {
  it.each([
    [1, 1],
    [0.8, 0.6],
    [1.1, 0.8],
    [0.5, 0],
    [1.6, 0],
    [0.2, 0],
  ])('sum of mids %p -> %p', (sum, confidence) => {
    expect(negRiskConfidence(sum)).toBeCloseTo(confidence, 12);
  });
});

describe('NegRiskConsistencyStrategy', () => {
  const strategy = new NegRiskConsistencyStrategy({ edgeThreshold: 0.05 });

  it('buys the YES tokens whose fair value beats the ask by the threshold', () => {
    const signals = strategy.evaluate({ events: [event(threeWay())], now: NOW });
    expect(signals).toHaveLength(2);
    const [a, b] = signals;
    expect(a).toEqual({
      strategy: 'neg_risk_consistency',
      marketId: 'a',
      conditionId: '0xcond-a',
      tokenId: 'a-yes',
      outcome: 'Yes',
      side: 'BUY',
      modelProb: expect.closeTo(0.5, 12),
      marketPrice: 0.41,
      edge: expect.closeTo(0.09, 12),
      confidence: expect.closeTo(0.6, 12),
      reason: 'Neg-risk consistency: fair 0.500 (mid 0.400 / sum of 3 mids 0.800) vs ask 0.410, edge +0.090',
    });
    expect(b!.tokenId).toBe('b-yes');
    expect(b!.modelProb).toBeCloseTo(0.3125, 12);
    expect(b!.edge).toBeCloseTo(0.0525, 12);
    expect(b!.reason).toBe('Neg-risk consistency: fair 0.313 (mid 0.250 / sum of 3 mids 0.800) vs ask 0.260, edge +0.053');
  });

  it('signals at exactly the threshold despite float error, not just above it', () => {
    const at = new NegRiskConsistencyStrategy({ edgeThreshold: 0.0525 }).evaluate({ events: [event(threeWay())], now: NOW });
    const above = new NegRiskConsistencyStrategy({ edgeThreshold: 0.0526 }).evaluate({ events: [event(threeWay())], now: NOW });
    expect(at.map((s) => s.marketId)).toEqual(['a', 'b']);
    expect(above.map((s) => s.marketId)).toEqual(['a']);
  });

  it('raises nothing when the YES mids already sum to 1', () => {
    const fair = [market({ marketId: 'x', tokens: [quote('x-yes', 'Yes', 0.59, 0.61)] }), market({ marketId: 'y', tokens: [quote('y-yes', 'Yes', 0.39, 0.41)] })];
    expect(new NegRiskConsistencyStrategy({ edgeThreshold: 0 }).evaluate({ events: [event(fair)], now: NOW })).toEqual([]);
  });

  it('does not buy a closed or not-accepting market, but still counts its mid', () => {
    const closed = strategy.evaluate({ events: [event(threeWay({ a: { closed: true } }))], now: NOW });
    const paused = strategy.evaluate({ events: [event(threeWay({ a: { acceptingOrders: false } }))], now: NOW });
    const inactive = strategy.evaluate({ events: [event(threeWay({ a: { active: false } }))], now: NOW });
    for (const signals of [closed, paused, inactive]) {
      expect(signals.map((s) => s.marketId)).toEqual(['b']);
      expect(signals[0]!.modelProb).toBeCloseTo(0.3125, 12);
    }
  });

  it('skips a candidate with no ask, or an ask outside (0, 1), and keeps the others', () => {
    const noAsk = threeWay();
    noAsk[0] = { ...noAsk[0]!, tokens: [{ ...noAsk[0]!.tokens[0]!, bestAsk: null }] };
    expect(strategy.evaluate({ events: [event(noAsk)], now: NOW }).map((s) => s.marketId)).toEqual(['b']);
    const zeroAsk = threeWay();
    zeroAsk[0] = { ...zeroAsk[0]!, tokens: [{ ...zeroAsk[0]!.tokens[0]!, bestAsk: 0 }] };
    expect(strategy.evaluate({ events: [event(zeroAsk)], now: NOW }).map((s) => s.marketId)).toEqual(['b']);
  });

  it('skips a whole event whose sum cannot be known, and evaluates other events independently', () => {
    const broken = event(threeWay({ c: { tokens: [quote('c-yes', 'Yes', 0.14, null)] } }), true, 'broken');
    const plain = event(threeWay(), false, 'plain');
    const good = event(threeWay(), true, 'good');
    expect(strategy.evaluate({ events: [broken, plain, good], now: NOW }).map((s) => s.marketId)).toEqual(['a', 'b']);
    expect(strategy.evaluate({ events: [], now: NOW })).toEqual([]);
  });

  it('does not depend on the clock', () => {
    const input = { events: [event(threeWay())] };
    expect(strategy.evaluate({ ...input, now: 0 })).toEqual(strategy.evaluate({ ...input, now: NOW }));
  });

  it.each([Number.NaN, -0.01, 1, Number.POSITIVE_INFINITY])('refuses edgeThreshold %p when built', (edgeThreshold) => {
    expect(() => new NegRiskConsistencyStrategy({ edgeThreshold })).toThrow(/neg_risk_consistency: edgeThreshold must be a number in \[0, 1\)/);
  });
});
