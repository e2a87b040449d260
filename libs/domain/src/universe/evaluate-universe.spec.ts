import type { MarketSnapshot } from '../market/market.types';
import { market, quote } from '../strategy/test/market-snapshot.fixture';
import { evaluateUniverse, summarizeUniverse } from './evaluate-universe';
import type { UniverseFilterSettings } from './universe-filter-settings';
import { widestSpread } from './universe-filters';

const NOW = Date.parse('2026-11-27T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const SETTINGS: UniverseFilterSettings = {
  minLiquidityUsd: 1000,
  minVolume24hUsd: 500,
  maxSpread: 0.05,
  minHoursToResolution: 24,
  maxDaysToResolution: 90,
  requireOrderBook: true,
  requireAcceptingOrders: true,
};

/** Liquidity $10,000, volume $5,000, spreads 0.02, ends in 34 days. */
const m = (overrides: Partial<MarketSnapshot> = {}) => market({ marketId: 'm', ...overrides });
const verdict = (overrides: Partial<MarketSnapshot> = {}, settings: Partial<UniverseFilterSettings> = {}) =>
  evaluateUniverse(m(overrides), { ...SETTINGS, ...settings }, NOW);

describe('evaluateUniverse', () => {
  it('passes a healthy market', () => {
    expect(verdict()).toEqual({ tradable: true, failed: [], reasons: [] });
  });

  it('ACTIVE: fails a closed or inactive market', () => {
    expect(verdict({ closed: true })).toEqual({ tradable: false, failed: ['ACTIVE'], reasons: ['ACTIVE: market is closed'] });
    expect(verdict({ active: false }).reasons).toEqual(['ACTIVE: market is not active']);
  });

  it('ORDER_BOOK_ENABLED and ACCEPTING_ORDERS apply only when required', () => {
    expect(verdict({ enableOrderBook: false }).reasons).toEqual(['ORDER_BOOK_ENABLED: order book is not enabled']);
    expect(verdict({ enableOrderBook: false }, { requireOrderBook: false }).tradable).toBe(true);
    expect(verdict({ acceptingOrders: false }).reasons).toEqual(['ACCEPTING_ORDERS: market is not accepting orders']);
    expect(verdict({ acceptingOrders: false }, { requireAcceptingOrders: false }).tradable).toBe(true);
  });

  it('MIN_LIQUIDITY: passes at the minimum, fails a cent under it and on NaN', () => {
    expect(verdict({ liquidityUsd: 1000 }).tradable).toBe(true);
    expect(verdict({ liquidityUsd: 1000.01 }).tradable).toBe(true);
    expect(verdict({ liquidityUsd: 999.99 }).reasons).toEqual(['MIN_LIQUIDITY: liquidity $999.99 is below the minimum $1000.00']);
    expect(verdict({ liquidityUsd: Number.NaN }).failed).toEqual(['MIN_LIQUIDITY']);
  });

  it('MIN_VOLUME_24H: passes at the minimum, fails just under it', () => {
    expect(verdict({ volume24hUsd: 500 }).tradable).toBe(true);
    expect(verdict({ volume24hUsd: 499.99 }).reasons).toEqual(['MIN_VOLUME_24H: 24h volume $499.99 is below the minimum $500.00']);
    expect(verdict({ volume24hUsd: 0 }, { minVolume24hUsd: 0 }).tradable).toBe(true);
  });

  it('MAX_SPREAD: judges the widest two-sided spread, at / under / over the maximum', () => {
    const spreads = (yes: [number, number], no: [number | null, number | null]) => ({ tokens: [quote('y', 'Yes', ...yes), quote('n', 'No', ...no)] });
    expect(verdict(spreads([0.45, 0.5], [0.5, 0.52])).tradable).toBe(true); // 0.5 - 0.45 = 0.04999999999999999
    expect(verdict(spreads([0.44, 0.49], [0.5, 0.52])).tradable).toBe(true); // 0.05000000000000002
    expect(verdict(spreads([0.44, 0.5], [0.5, 0.52])).reasons).toEqual(['MAX_SPREAD: widest spread 0.060 is above the maximum 0.050']);
    expect(verdict(spreads([0.49, 0.51], [0.4, 0.6])).failed).toEqual(['MAX_SPREAD']);
    expect(verdict(spreads([0.49, 0.51], [null, 0.6])).tradable).toBe(true);
  });

  it('MAX_SPREAD: fails when no token has a two-sided book', () => {
    const reason = ['MAX_SPREAD: no token has a two-sided book'];
    expect(verdict({ tokens: [quote('y', 'Yes', null, 0.5), quote('n', 'No', 0.4, null)] }).reasons).toEqual(reason);
    expect(verdict({ tokens: [quote('y', 'Yes', null, null)] }).reasons).toEqual(reason);
    expect(verdict({ tokens: [] }).reasons).toEqual(reason);
  });

  it('TIME_TO_RESOLUTION: bounds on both sides, exactly at each bound', () => {
    expect(verdict({ endDate: iso(NOW + 24 * HOUR) }).tradable).toBe(true);
    expect(verdict({ endDate: iso(NOW + 24 * HOUR - 1) }).reasons).toEqual(['TIME_TO_RESOLUTION: resolves in 24.0 h, sooner than the minimum 24 h']);
    expect(verdict({ endDate: iso(NOW + 90 * 24 * HOUR) }).tradable).toBe(true);
    expect(verdict({ endDate: iso(NOW + 90 * 24 * HOUR + 1) }).reasons).toEqual(['TIME_TO_RESOLUTION: resolves in 90.0 days, later than the maximum 90 days']);
    expect(verdict({ endDate: iso(NOW - 2 * HOUR) }).reasons).toEqual(['TIME_TO_RESOLUTION: end date passed 2.0 h ago']);
  });

  it('TIME_TO_RESOLUTION: passes a market with no end date, fails an unreadable one', () => {
    expect(verdict({ endDate: null }).tradable).toBe(true);
    expect(verdict({ endDate: 'soon' }).reasons).toEqual(['TIME_TO_RESOLUTION: end date "soon" is not a date']);
  });

  it('names every failed filter, in filter order', () => {
    const bad = verdict({ closed: true, acceptingOrders: false, liquidityUsd: 0, volume24hUsd: 0, tokens: [], endDate: iso(NOW) });
    expect(bad.failed).toEqual(['ACTIVE', 'ACCEPTING_ORDERS', 'MIN_LIQUIDITY', 'MIN_VOLUME_24H', 'MAX_SPREAD', 'TIME_TO_RESOLUTION']);
    expect(bad.reasons).toHaveLength(6);
    expect(bad.tradable).toBe(false);
  });

  it('excludes every market when a setting is NaN, rather than admitting them', () => {
    expect(verdict({}, { minLiquidityUsd: Number.NaN }).failed).toEqual(['MIN_LIQUIDITY']);
    expect(verdict({}, { maxSpread: Number.NaN }).failed).toEqual(['MAX_SPREAD']);
    expect(verdict({}, { maxDaysToResolution: Number.NaN }).failed).toEqual(['TIME_TO_RESOLUTION']);
  });
});

describe('widestSpread', () => {
  it('ignores one-sided tokens and NaN spreads', () => {
    expect(widestSpread(m({ tokens: [quote('a', 'Yes', 0.4, 0.45), quote('b', 'No', null, 0.6)] }))).toBeCloseTo(0.05, 12);
    expect(widestSpread(m({ tokens: [{ ...quote('a', 'Yes', 0.4, 0.45), spread: Number.NaN }] }))).toBeNull();
  });
});

describe('summarizeUniverse', () => {
  it('counts tradable markets and each filter\'s exclusions (a market can count under several)', () => {
    const markets = [m(), m({ closed: true }), m({ liquidityUsd: 10, volume24hUsd: 10 }), m({ liquidityUsd: 10 }), m({ endDate: null })];
    expect(summarizeUniverse(markets, SETTINGS, NOW)).toEqual({
      total: 5,
      tradable: 2,
      excludedBy: { ACTIVE: 1, ORDER_BOOK_ENABLED: 0, ACCEPTING_ORDERS: 0, MIN_LIQUIDITY: 2, MIN_VOLUME_24H: 1, MAX_SPREAD: 0, TIME_TO_RESOLUTION: 0 },
    });
  });

  it('summarizes an empty universe', () => {
    const summary = summarizeUniverse([], SETTINGS, NOW);
    expect(summary.total).toBe(0);
    expect(summary.tradable).toBe(0);
    expect(Object.values(summary.excludedBy)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
