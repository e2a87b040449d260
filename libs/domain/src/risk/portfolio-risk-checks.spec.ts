import { market } from '../strategy/test/market-snapshot.fixture';
import { DailyLossLimitCheck } from './daily-loss-limit.check';
import { categoryOf, UNCATEGORIZED } from './market-category';
import { MaxCategoryExposurePctCheck } from './max-category-exposure-pct.check';
import { MaxOrdersPerHourCheck, withOwnOrderUncounted } from './max-orders-per-hour.check';
import { MaxTotalExposurePctCheck } from './max-total-exposure-pct.check';
import type { PortfolioState } from './portfolio-state.types';
import { portfolioState, riskContext } from './test/risk-context.fixture';

// Bankroll $10,000: total limit 20% = $2,000; category limit 10% = $1,000. Order size $150.
const withPortfolio = (overrides: Partial<PortfolioState>, sizeUsd = 150) => riskContext({ sizeUsd, portfolio: portfolioState(overrides) });
const exposure = (totalUsd: number, byCategory: Record<string, number> = {}) => ({ totalUsd, byMarket: {}, byCategory });

describe('categoryOf', () => {
  it.each([
    [{ category: 'Politics', tags: ['Elections'] }, 'Politics'],
    [{ category: null, tags: ['Elections', 'US'] }, 'Elections'],
    [{ category: '  ', tags: ['', ' Sports '] }, 'Sports'],
    [{ category: null, tags: [] }, UNCATEGORIZED],
  ])('%p -> %s', (fields, category) => {
    expect(categoryOf(fields)).toBe(category);
  });
});

describe('MaxTotalExposurePctCheck', () => {
  const check = new MaxTotalExposurePctCheck();
  it.each([
    [1849.99, true, 1999.99, 'exposure $1849.99 + size $150.00 = $1999.99 <= 20% of bankroll $10000.00 = $2000.00'],
    [1850, true, 2000, 'exposure $1850.00 + size $150.00 = $2000.00 <= 20% of bankroll $10000.00 = $2000.00'],
    [1850.01, false, 2000.01, 'exposure $1850.01 + size $150.00 = $2000.01 > 20% of bankroll $10000.00 = $2000.00'],
  ])('existing %p -> passed %p', (totalUsd, passed, value, message) => {
    expect(check.evaluate(withPortfolio({ exposure: exposure(totalUsd) }))).toEqual({ name: 'MAX_TOTAL_EXPOSURE_PCT', passed, value: expect.closeTo(value, 9), limit: 2000, message });
  });
  it('fails NaN exposure', () => {
    expect(check.evaluate(withPortfolio({ exposure: exposure(Number.NaN) })).passed).toBe(false);
  });
});

describe('MaxCategoryExposurePctCheck', () => {
  const check = new MaxCategoryExposurePctCheck();
  const politics = market({ marketId: 'm', category: 'Politics' });
  const ctx = (byCategory: Record<string, number>) => riskContext({ market: politics, portfolio: portfolioState({ exposure: exposure(5000, byCategory) }) });
  it.each([
    [849.99, true, "category 'Politics' exposure $849.99 + size $150.00 = $999.99 <= 10% of bankroll $10000.00 = $1000.00"],
    [850, true, "category 'Politics' exposure $850.00 + size $150.00 = $1000.00 <= 10% of bankroll $10000.00 = $1000.00"],
    [850.01, false, "category 'Politics' exposure $850.01 + size $150.00 = $1000.01 > 10% of bankroll $10000.00 = $1000.00"],
  ])('existing %p in the category -> passed %p', (existing, passed, message) => {
    expect(check.evaluate(ctx({ Politics: existing, Sports: 5000 }))).toEqual({ name: 'MAX_CATEGORY_EXPOSURE_PCT', passed, value: expect.closeTo(existing + 150, 9), limit: 1000, message });
  });
  it('reads only the market category: other categories do not count', () => {
    expect(check.evaluate(ctx({ Sports: 5000 }))).toMatchObject({ passed: true, value: 150 });
  });
  it('buckets a market with no category or tag as uncategorized', () => {
    const result = check.evaluate(riskContext({ portfolio: portfolioState({ exposure: exposure(900, { uncategorized: 900 }) }) }));
    expect(result).toMatchObject({ passed: false, message: "category 'uncategorized' exposure $900.00 + size $150.00 = $1050.00 > 10% of bankroll $10000.00 = $1000.00" });
  });
});

describe('MaxOrdersPerHourCheck', () => {
  const check = new MaxOrdersPerHourCheck();
  it.each([
    [18, true, 19, 'orders in the last hour 18 + 1 = 19 <= max 20 per hour'],
    [19, true, 20, 'orders in the last hour 19 + 1 = 20 <= max 20 per hour'],
    [20, false, 21, 'orders in the last hour 20 + 1 = 21 > max 20 per hour'],
  ])('%p orders sent -> passed %p', (ordersLastHour, passed, value, message) => {
    expect(check.evaluate(withPortfolio({ ordersLastHour }))).toEqual({ name: 'MAX_ORDERS_PER_HOUR', passed, value, limit: 20, message });
  });
  it('fails NaN', () => {
    expect(check.evaluate(withPortfolio({ ordersLastHour: Number.NaN })).passed).toBe(false);
  });
  it('re-checks an order already sent once without counting it twice: at the limit it still passes', () => {
    const resumed = withPortfolio({ ordersLastHour: 20 });
    expect(check.evaluate({ ...resumed, portfolio: withOwnOrderUncounted(resumed.portfolio) })).toMatchObject({ passed: true, value: 20 });
    expect(withOwnOrderUncounted({ ...resumed.portfolio, ordersLastHour: 0 }).ordersLastHour).toBe(0);
  });
});

describe('DailyLossLimitCheck', () => {
  const check = new DailyLossLimitCheck();
  it.each([
    [9001, true, 9.99, '24 h loss 9.99% (equity $9001.00, 24 h ago $10000.00) < limit 10%'],
    [9000, false, 10, '24 h loss 10.0% (equity $9000.00, 24 h ago $10000.00) >= limit 10%'],
    [8999, false, 10.01, '24 h loss 10.01% (equity $8999.00, 24 h ago $10000.00) >= limit 10%'],
    [10500, true, -5, '24 h loss -5.0% (equity $10500.00, 24 h ago $10000.00) < limit 10%'],
  ])('equity %p from 10000 -> passed %p', (equity, passed, value, message) => {
    expect(check.evaluate(withPortfolio({ equity, equity24hAgo: 10_000 }))).toEqual({ name: 'DAILY_LOSS_LIMIT', passed, value: expect.closeTo(value, 9), limit: 10, message });
  });
  it('counts no loss without a 24 h old equity', () => {
    expect(check.evaluate(withPortfolio({ equity: 1, equity24hAgo: null }))).toEqual({
      name: 'DAILY_LOSS_LIMIT',
      passed: true,
      value: 0,
      limit: 10,
      message: 'no equity from 24 h ago yet: loss 0% < limit 10%',
    });
  });
  it('fails closed on an equity it cannot judge', () => {
    expect(check.evaluate(withPortfolio({ equity: 9000, equity24hAgo: 0 }))).toMatchObject({ passed: false, message: 'cannot judge the 24 h loss: equity $9000.00, 24 h ago $0.00' });
    expect(check.evaluate(withPortfolio({ equity: Number.NaN, equity24hAgo: 10_000 })).passed).toBe(false);
  });
});
