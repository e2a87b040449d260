import type { MarketSnapshot } from '../market/market.types';
import { forecastFairValues, indexForecasts } from './forecast-fair-value';
import { ForecastFeedStrategy } from './forecast-feed.strategy';
import type { Forecast } from './forecast-row';
import { event, market, quote } from './test/market-snapshot.fixture';

const NOW = Date.parse('2026-11-27T00:00:00Z');

/** YES ask 0.55, NO ask 0.47. */
function m1(overrides: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return market({ marketId: 'm1', conditionId: '0xc1', tokens: [quote('y1', 'Yes', 0.5, 0.55), quote('n1', 'No', 0.44, 0.47)], ...overrides });
}

function run(forecasts: Forecast[], markets: MarketSnapshot[] = [m1()], edgeThreshold = 0.05) {
  return new ForecastFeedStrategy({ edgeThreshold, forecasts }).evaluate({ events: [event(markets, false)], now: NOW });
}

describe('forecastFairValues', () => {
  const fairs = (forecasts: Forecast[], target: MarketSnapshot = m1()) =>
    Object.fromEntries([...forecastFairValues(target, indexForecasts(forecasts))].map(([id, v]) => [id, [Number(v.fair.toFixed(12)), v.source]]));

  it('gives a condition forecast to the Yes token and its complement to the other', () => {
    expect(fairs([{ conditionId: '0xc1', probability: 0.62 }])).toEqual({ y1: [0.62, 'condition forecast'], n1: [0.38, 'condition forecast'] });
  });
  it('uses the first token as Yes when no outcome is Yes', () => {
    const named = m1({ tokens: [quote('a', 'Lakers', 0.5, 0.55), quote('b', 'Celtics', 0.44, 0.47)] });
    expect(fairs([{ conditionId: '0xc1', probability: 0.7 }], named)).toEqual({ a: [0.7, 'condition forecast'], b: [0.3, 'condition forecast'] });
  });
  it('prefers a token forecast over the condition forecast', () => {
    const got = fairs([{ conditionId: '0xc1', probability: 0.62 }, { tokenId: 'y1', probability: 0.5 }]);
    expect(got).toEqual({ y1: [0.5, 'token forecast'], n1: [0.38, 'condition forecast'] });
  });
  it('completes a binary market from one token forecast', () => {
    expect(fairs([{ tokenId: 'n1', probability: 0.6 }])).toEqual({ y1: [0.4, 'complement of token forecast'], n1: [0.6, 'token forecast'] });
  });
  it('uses both token forecasts as given even when they do not sum to 1', () => {
    expect(fairs([{ tokenId: 'y1', probability: 0.6 }, { tokenId: 'n1', probability: 0.5 }])).toEqual({ y1: [0.6, 'token forecast'], n1: [0.5, 'token forecast'] });
  });
  it('does not apply a condition forecast to a market that is not binary', () => {
    const three = m1({ tokens: [quote('a', 'A', 0.3, 0.35), quote('b', 'B', 0.3, 0.35), quote('c', 'C', 0.3, 0.35)] });
    expect(fairs([{ conditionId: '0xc1', probability: 0.5 }, { tokenId: 'b', probability: 0.5 }], three)).toEqual({ b: [0.5, 'token forecast'] });
  });
  it('has nothing for a market with no forecast', () => {
    expect(fairs([{ conditionId: '0xother', probability: 0.5 }])).toEqual({});
  });
});

describe('indexForecasts', () => {
  it.each<[Forecast, RegExp]>([
    [{ tokenId: '1', conditionId: '0x1', probability: 0.5 }, /forecast #1 must have exactly one of tokenId and conditionId/],
    [{ probability: 0.5 }, /forecast #1 must have exactly one/],
    [{ tokenId: '1', probability: Number.NaN }, /forecast #1 probability must be a number in \[0, 1\], got NaN/],
    [{ tokenId: '1', probability: 1.01 }, /got 1.01/],
  ])('refuses %j', (forecast, message) => {
    expect(() => indexForecasts([forecast])).toThrow(message);
    expect(() => new ForecastFeedStrategy({ edgeThreshold: 0.05, forecasts: [forecast] })).toThrow(message);
  });
});

describe('ForecastFeedStrategy', () => {
  it('buys the Yes token when the condition forecast beats its ask', () => {
    expect(run([{ conditionId: '0xc1', probability: 0.62 }])).toEqual([
      {
        strategy: 'forecast_feed',
        marketId: 'm1',
        conditionId: '0xc1',
        tokenId: 'y1',
        outcome: 'Yes',
        side: 'BUY',
        modelProb: 0.62,
        marketPrice: 0.55,
        edge: expect.closeTo(0.07, 12),
        confidence: 1,
        reason: 'Forecast feed: fair 0.620 (condition forecast) vs ask 0.550, edge +0.070',
      },
    ]);
  });

  it('buys the No token when the forecast is low enough', () => {
    const [signal] = run([{ conditionId: '0xc1', probability: 0.3 }]);
    expect(signal!.tokenId).toBe('n1');
    expect(signal!.modelProb).toBeCloseTo(0.7, 12);
    expect(signal!.edge).toBeCloseTo(0.23, 12);
    expect(signal!.reason).toBe('Forecast feed: fair 0.700 (condition forecast) vs ask 0.470, edge +0.230');
  });

  it('signals at exactly the threshold and not a hair under it', () => {
    expect(run([{ tokenId: 'y1', probability: 0.6 }])).toHaveLength(1);
    expect(run([{ tokenId: 'y1', probability: 0.599 }])).toEqual([]);
  });

  it('raises one signal per market, on the bigger edge, when both sides beat their asks', () => {
    const signals = run([{ tokenId: 'y1', probability: 0.6 }, { tokenId: 'n1', probability: 0.55 }]);
    expect(signals.map((s) => [s.tokenId, Number(s.edge.toFixed(12))])).toEqual([['n1', 0.08]]);
  });

  it('breaks an edge tie for the first listed token, ignoring float noise', () => {
    // 0.6 - 0.55 = 0.04999999999999993 and 0.52 - 0.47 = 0.05000000000000004
    const signals = run([{ tokenId: 'y1', probability: 0.6 }, { tokenId: 'n1', probability: 0.52 }], [m1()], 0.04);
    expect(signals.map((s) => s.tokenId)).toEqual(['y1']);
  });

  it('skips a token with no ask but still considers the other', () => {
    const noYesAsk = m1({ tokens: [quote('y1', 'Yes', 0.5, null), quote('n1', 'No', 0.44, 0.47)] });
    expect(run([{ tokenId: 'y1', probability: 0.9 }], [noYesAsk])).toEqual([]);
    expect(run([{ tokenId: 'n1', probability: 0.6 }], [noYesAsk]).map((s) => s.tokenId)).toEqual(['n1']);
  });

  it('skips markets without a forecast, closed, inactive or not accepting orders', () => {
    const forecast = [{ conditionId: '0xc1', probability: 0.9 }];
    expect(run([{ conditionId: '0xzz', probability: 0.9 }])).toEqual([]);
    expect(run(forecast, [m1({ closed: true })])).toEqual([]);
    expect(run(forecast, [m1({ active: false })])).toEqual([]);
    expect(run(forecast, [m1({ acceptingOrders: false })])).toEqual([]);
    expect(run([], [m1()])).toEqual([]);
  });

  it('raises one signal for a market listed in two events', () => {
    const strategy = new ForecastFeedStrategy({ edgeThreshold: 0.05, forecasts: [{ conditionId: '0xc1', probability: 0.9 }] });
    const signals = strategy.evaluate({ events: [event([m1()], false, 'e1'), event([m1()], false, 'e2')], now: NOW });
    expect(signals).toHaveLength(1);
  });

  it('evaluates every market of every event', () => {
    const m2 = market({ marketId: 'm2', conditionId: '0xc2', tokens: [quote('y2', 'Yes', 0.1, 0.12), quote('n2', 'No', 0.86, 0.9)] });
    const signals = run([{ conditionId: '0xc1', probability: 0.62 }, { tokenId: 'y2', probability: 0.2 }], [m1(), m2]);
    expect(signals.map((s) => s.tokenId)).toEqual(['y1', 'y2']);
  });

  it('refuses a bad edgeThreshold when built', () => {
    expect(() => new ForecastFeedStrategy({ edgeThreshold: Number.NaN, forecasts: [] })).toThrow(/forecast_feed: edgeThreshold/);
  });
});
