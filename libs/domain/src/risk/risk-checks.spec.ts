import { market } from '../strategy/test/market-snapshot.fixture';
import { MarketDataAgeCheck } from './market-data-age.check';
import { MaxNotionalPerMarketCheck } from './max-notional-per-market.check';
import { MaxPositionPctCheck } from './max-position-pct.check';
import { MinEdgeCheck } from './min-edge.check';
import { MinOrderSizeCheck } from './min-order-size.check';
import { NOW, RISK_SETTINGS, SIGNAL, riskContext } from './test/risk-context.fixture';
import { UniverseCheck } from './universe.check';

describe('MaxPositionPctCheck', () => {
  const check = new MaxPositionPctCheck();
  it.each([
    [150, true, 'size $150.00 <= 2% of bankroll $10000.00 = $200.00'],
    [199.99, true, 'size $199.99 <= 2% of bankroll $10000.00 = $200.00'],
    [200, true, 'size $200.00 <= 2% of bankroll $10000.00 = $200.00'],
    [200.01, false, 'size $200.01 > 2% of bankroll $10000.00 = $200.00'],
  ])('size %p -> passed %p', (sizeUsd, passed, message) => {
    expect(check.evaluate(riskContext({ sizeUsd }))).toEqual({ name: 'MAX_POSITION_PCT', passed, value: sizeUsd, limit: 200, message });
  });
  it('passes at the limit despite float error in the percentage', () => {
    // 1000 * 2.01 / 100 = 20.099999999999998
    const result = check.evaluate(riskContext({ sizeUsd: 20.1, bankroll: 1000, settings: { ...riskContext().settings, maxPositionPct: 2.01 } }));
    expect(result).toMatchObject({ passed: true, message: 'size $20.10 <= 2.01% of bankroll $1000.00 = $20.10' });
  });
  it('fails any size on a zero bankroll, and fails NaN', () => {
    expect(check.evaluate(riskContext({ bankroll: 0 }))).toMatchObject({ passed: false, limit: 0, message: 'size $150.00 > 2% of bankroll $0.00 = $0.00' });
    expect(check.evaluate(riskContext({ sizeUsd: Number.NaN })).passed).toBe(false);
    expect(check.evaluate(riskContext({ bankroll: Number.NaN })).passed).toBe(false);
  });
});

describe('MaxNotionalPerMarketCheck', () => {
  const check = new MaxNotionalPerMarketCheck();
  it.each([
    [800, true, 950, 'existing $800.00 + size $150.00 = $950.00 <= max per market $1000.00'],
    [849.99, true, 999.99, 'existing $849.99 + size $150.00 = $999.99 <= max per market $1000.00'],
    [850, true, 1000, 'existing $850.00 + size $150.00 = $1000.00 <= max per market $1000.00'],
    [850.01, false, 1000.01, 'existing $850.01 + size $150.00 = $1000.01 > max per market $1000.00'],
  ])('existing %p -> passed %p', (existingMarketNotional, passed, value, message) => {
    const result = check.evaluate(riskContext({ existingMarketNotional }));
    expect(result).toEqual({ name: 'MAX_NOTIONAL_PER_MARKET', passed, value: expect.closeTo(value, 9), limit: 1000, message });
  });
  it('passes at the limit despite float error (0.1 + 0.2 against 0.3)', () => {
    const settings = { ...riskContext().settings, maxNotionalPerMarket: 0.3 };
    expect(check.evaluate(riskContext({ existingMarketNotional: 0.1, sizeUsd: 0.2, settings })).passed).toBe(true);
  });
  it('fails NaN', () => {
    expect(check.evaluate(riskContext({ existingMarketNotional: Number.NaN })).passed).toBe(false);
  });
});

describe('MinEdgeCheck', () => {
  const check = new MinEdgeCheck();
  const withEdge = (edge: number) => riskContext({ signal: { ...SIGNAL, edge } });
  it.each([
    [0.065, true, 'edge +0.065 >= threshold 0.050'],
    [0.5 - 0.45, true, 'edge +0.050 >= threshold 0.050'],
    [0.0499, false, 'edge +0.0499 < threshold 0.0500'],
    [0.049, false, 'edge +0.049 < threshold 0.050'],
    [-0.01, false, 'edge -0.010 < threshold 0.050'],
  ])('edge %p -> passed %p', (edge, passed, message) => {
    expect(check.evaluate(withEdge(edge))).toEqual({ name: 'MIN_EDGE', passed, value: edge, limit: 0.05, message });
  });
  it('fails NaN', () => {
    expect(check.evaluate(withEdge(Number.NaN)).passed).toBe(false);
  });
});

describe('MinOrderSizeCheck', () => {
  const check = new MinOrderSizeCheck();
  it.each([
    [5.01, true, 'shares 5.01 >= market minimum 5'],
    [5, true, 'shares 5.00 >= market minimum 5'],
    [4.99, false, 'shares 4.99 < market minimum 5'],
    [0, false, 'shares 0.00 < market minimum 5'],
  ])('shares %p -> passed %p', (shares, passed, message) => {
    expect(check.evaluate(riskContext({ shares }))).toEqual({ name: 'MIN_ORDER_SIZE', passed, value: shares, limit: 5, message });
  });
  it('fails zero shares even where the market has no minimum, and fails NaN', () => {
    expect(check.evaluate(riskContext({ shares: 0, market: market({ marketId: 'm', minOrderSize: 0 }) })).passed).toBe(false);
    expect(check.evaluate(riskContext({ shares: Number.NaN })).passed).toBe(false);
  });
});

describe('UniverseCheck', () => {
  const check = new UniverseCheck();
  it('passes a market inside the universe', () => {
    expect(check.evaluate(riskContext())).toEqual({ name: 'UNIVERSE', passed: true, value: 0, limit: 0, message: 'market passes all 7 universe filters' });
  });
  it('fails with one filter, naming it and its numbers', () => {
    expect(check.evaluate(riskContext({ market: market({ marketId: 'm', liquidityUsd: 999.99 }) }))).toEqual({
      name: 'UNIVERSE',
      passed: false,
      value: 1,
      limit: 0,
      message: 'market fails 1 universe filter: MIN_LIQUIDITY: liquidity $999.99 is below the minimum $1000.00',
    });
  });
  it('lists every failed filter', () => {
    const result = check.evaluate(riskContext({ market: market({ marketId: 'm', closed: true, volume24hUsd: 1 }) }));
    expect(result.value).toBe(2);
    expect(result.message).toBe('market fails 2 universe filters: ACTIVE: market is closed; MIN_VOLUME_24H: 24h volume $1.00 is below the minimum $500.00');
  });
  it('judges time to resolution at ctx.now', () => {
    const late = riskContext({ now: Date.parse('2026-12-30T12:00:00.000Z') });
    expect(check.evaluate(late).message).toBe('market fails 1 universe filter: TIME_TO_RESOLUTION: resolves in 12.0 h, sooner than the minimum 24 h');
  });
});

describe('MarketDataAgeCheck', () => {
  const check = new MarketDataAgeCheck();
  const aged = (seconds: number) => riskContext({ now: NOW + seconds * 1000 });

  it('passes data younger than the STALE_DATA limit and refuses it from the limit on, with the age', () => {
    expect(check.evaluate(aged(12.5))).toEqual({ name: 'MARKET_DATA_AGE', passed: true, value: 12.5, limit: 60, message: 'market data 12.5 s old < STALE_DATA limit 60 s' });
    expect(check.evaluate(aged(59.99))).toMatchObject({ passed: true, message: 'market data 59.99 s old < STALE_DATA limit 60 s' });
    expect(check.evaluate(aged(60))).toEqual({ name: 'MARKET_DATA_AGE', passed: false, value: 60, limit: 60, message: 'market data 60.0 s old >= STALE_DATA limit 60 s' });
    expect(check.evaluate(riskContext({ now: NOW + 61_000, settings: { ...RISK_SETTINGS, maxStaleDataSeconds: 120 } })).passed).toBe(true);
  });

  it('reads a snapshot from a clock slightly ahead as fresh, not as negative age', () => {
    expect(check.evaluate(aged(-2))).toMatchObject({ passed: true, value: 0 });
  });

  it('fails closed when the snapshot carries no readable time', () => {
    expect(check.evaluate(riskContext({ market: market({ marketId: 'm', fetchedAt: 'yesterday' }) }))).toEqual({
      name: 'MARKET_DATA_AGE', passed: false, value: 0, limit: 60, message: 'cannot judge the age of market m\'s data (fetchedAt "yesterday")',
    });
  });
});
