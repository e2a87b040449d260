import type { Intent, IntentType } from '../intent/intent.types';
import { market } from '../strategy/test/market-snapshot.fixture';
import { recheckForApproval, recheckIntent, type RecheckContext } from './recheck-intent';
import { NOW, RISK_SETTINGS, portfolioState } from './test/risk-context.fixture';

const POLITICS = market({ marketId: 'm', category: 'Politics' });

function intent(overrides: Partial<Intent> = {}): Intent {
  return {
    id: 'i-1',
    type: 'OPEN_POSITION',
    status: 'PENDING',
    marketId: 'm',
    conditionId: '0xcond-m',
    tokenId: 'm-yes',
    outcome: 'Yes',
    side: 'BUY',
    price: 0.5,
    sizeUsd: 200,
    edge: 0.1,
    modelProb: 0.6,
    marketPrice: 0.5,
    confidence: 1,
    reason: 'test',
    strategy: 'forecast_feed',
    riskChecks: [],
    createdAt: new Date(NOW - 30_000),
    expiresAt: new Date(NOW + 30_000),
    decidedAt: null,
    decidedBy: null,
    statusReason: null,
    executedAt: null,
    ...overrides,
  };
}

/** Exposure as the store reports it: it already counts this $200 intent in total, market m and Politics. */
function ctx(totalUsd: number, overrides: Partial<RecheckContext> = {}, politics = 500): RecheckContext {
  return {
    bankroll: 10_000,
    portfolio: portfolioState({ exposure: { totalUsd, byMarket: { m: 200, other: totalUsd - 200 }, byCategory: { Politics: politics } } }),
    settings: RISK_SETTINGS,
    now: NOW,
    ...overrides,
  };
}

describe('recheckIntent: OPEN_POSITION', () => {
  it('passes with room, recording the kill-switch state first and every limit after it', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(1800));
    expect(verdict.passed).toBe(true);
    expect(verdict.blockingMessage).toBeNull();
    expect(verdict.results.map((r) => [r.name, r.passed])).toEqual([
      ['KILL_SWITCHES', true],
      ['UNIVERSE', true],
      ['MARKET_DATA_AGE', true],
      ['MAX_POSITION_PCT', true],
      ['MAX_NOTIONAL_PER_MARKET', true],
      ['MIN_ORDER_SIZE', true],
      ['MAX_TOTAL_EXPOSURE_PCT', true],
      ['MAX_CATEGORY_EXPOSURE_PCT', true],
      ['MAX_ORDERS_PER_HOUR', true],
      ['DAILY_LOSS_LIMIT', true],
    ]);
    expect(verdict.results[0].message).toBe('no kill switch tripped');
  });

  it('judges its fixed size against everything else: its own $200 is taken out of the exposure first', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(1800));
    const byName = Object.fromEntries(verdict.results.map((r) => [r.name, r]));
    expect(byName['MAX_TOTAL_EXPOSURE_PCT'].message).toBe('exposure $1600.00 + size $200.00 = $1800.00 <= 20% of bankroll $10000.00 = $2000.00');
    expect(byName['MAX_NOTIONAL_PER_MARKET'].message).toBe('existing $0.00 + size $200.00 = $200.00 <= max per market $1000.00');
    expect(byName['MAX_CATEGORY_EXPOSURE_PCT'].message).toBe("category 'Politics' exposure $300.00 + size $200.00 = $500.00 <= 10% of bankroll $10000.00 = $1000.00");
    expect(byName['MIN_ORDER_SIZE'].message).toBe('shares 400.00 >= market minimum 5');
  });

  it.each([
    [2000, true],
    [2000.01, false],
  ])('total exposure %p (this intent included) -> passed %p', (totalUsd, passed) => {
    expect(recheckIntent(intent(), POLITICS, ctx(totalUsd)).passed).toBe(passed);
  });

  it('names the failed check and its numbers in the blocking message', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(2100));
    expect(verdict.passed).toBe(false);
    expect(verdict.blockingMessage).toBe('MAX_TOTAL_EXPOSURE_PCT: exposure $1900.00 + size $200.00 = $2100.00 > 20% of bankroll $10000.00 = $2000.00');
  });

  it('lists every failed check, in order', () => {
    const portfolio = { ...ctx(2100).portfolio, ordersLastHour: 20, equity: 8900, equity24hAgo: 10_000 };
    const verdict = recheckIntent(intent(), POLITICS, ctx(2100, { portfolio }));
    expect(verdict.blockingMessage).toBe(
      'MAX_TOTAL_EXPOSURE_PCT: exposure $1900.00 + size $200.00 = $2100.00 > 20% of bankroll $10000.00 = $2000.00; ' +
        'MAX_ORDERS_PER_HOUR: orders in the last hour 20 + 1 = 21 > max 20 per hour; ' +
        'DAILY_LOSS_LIMIT: 24 h loss 11.0% (equity $8900.00, 24 h ago $10000.00) >= limit 10%',
    );
  });

  it('takes nothing out when told the exposure does not count the intent', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(1900, { exposureIncludesIntent: false }));
    expect(verdict.blockingMessage).toContain('MAX_TOTAL_EXPOSURE_PCT: exposure $1900.00 + size $200.00 = $2100.00 >');
  });

  it('never lets a stale exposure go negative when taking the intent out', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(0, {}, 0));
    expect(verdict.passed).toBe(true);
    expect(verdict.results.find((r) => r.name === 'MAX_TOTAL_EXPOSURE_PCT')?.value).toBe(200);
  });

  it('re-judges the market now: a market closed since the proposal blocks', () => {
    const verdict = recheckIntent(intent(), market({ marketId: 'm', category: 'Politics', closed: true }), ctx(1000));
    expect(verdict.blockingMessage).toBe('UNIVERSE: market fails 1 universe filter: ACTIVE: market is closed');
  });

  it('refuses an opening intent while a kill switch is tripped, naming it', () => {
    const verdict = recheckIntent(intent(), POLITICS, ctx(1000, { trippedSwitches: ['DRAWDOWN'] }));
    expect(verdict.passed).toBe(false);
    expect(verdict.results).toHaveLength(10);
    expect(verdict.blockingMessage).toBe('KILL_SWITCHES: trading is HALTED (kill switch DRAWDOWN tripped): OPEN_POSITION refused until cleared; exits and claims still allowed');
  });

  it('fails an intent checked against another market', () => {
    const verdict = recheckIntent(intent(), market({ marketId: 'other' }), ctx(1000));
    expect(verdict.blockingMessage).toBe('INTENT_MARKET: intent is for market m, re-checked against other');
  });

  it('is the same function under the approval name', () => {
    expect(recheckForApproval).toBe(recheckIntent);
  });
});

describe('recheckIntent: risk-reducing intents', () => {
  it.each<IntentType>(['CLOSE_POSITION', 'CLAIM_SETTLEMENT'])('%s passes whatever the limits, even while halted', (type) => {
    const overLimits = { ...ctx(50_000).portfolio, ordersLastHour: 99, equity: 1, equity24hAgo: 10_000 };
    const verdict = recheckIntent(intent({ type, side: 'SELL' }), POLITICS, ctx(50_000, { portfolio: overLimits, trippedSwitches: ['DRAWDOWN', 'STALE_DATA'] }));
    expect(verdict).toEqual({
      passed: true,
      blockingMessage: null,
      results: [{ name: 'KILL_SWITCHES', passed: true, value: 2, limit: 0, message: `trading is HALTED (DRAWDOWN, STALE_DATA), but ${type} reduces risk: allowed` }],
    });
  });

  it('passes with no switch tripped', () => {
    expect(recheckIntent(intent({ type: 'CLOSE_POSITION' }), POLITICS, ctx(0)).results).toEqual([
      { name: 'KILL_SWITCHES', passed: true, value: 0, limit: 0, message: 'no kill switch tripped' },
    ]);
  });
});
