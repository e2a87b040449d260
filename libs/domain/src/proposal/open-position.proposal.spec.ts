import type { PortfolioState } from '../risk/portfolio-state.types';
import { NOW, RISK_SETTINGS, SIGNAL, portfolioState } from '../risk/test/risk-context.fixture';
import { market } from '../strategy/test/market-snapshot.fixture';
import { proposeOpenPosition, type ProposalContext } from './open-position.proposal';

// Signal: model 0.60 vs ask 0.50 -> full Kelly 0.2; quarter Kelly of $10,000 = $500, capped at 2% = $200.
const POLITICS = market({ marketId: 'm', category: 'Politics' });
const propose = (portfolio: Partial<PortfolioState>) => {
  const ctx: ProposalContext = { bankroll: 10_000, kellyFraction: 0.25, existingMarketNotional: 0, portfolio: portfolioState(portfolio), settings: RISK_SETTINGS, now: NOW, expirySeconds: 60 };
  return proposeOpenPosition(SIGNAL, POLITICS, ctx);
};
const exposure = (totalUsd: number, politics = 0) => ({ totalUsd, byMarket: {}, byCategory: { Politics: politics } });

describe('proposeOpenPosition with a portfolio', () => {
  it('proposes the 2% size on an empty book and records all ten checks', () => {
    const decision = propose({});
    expect(decision.decision).toBe('PROPOSE');
    expect(decision.sizing).toMatchObject({ sizeUsd: 200, bindingConstraint: 'MAX_POSITION_PCT' });
    expect(decision.checks).toHaveLength(10);
    expect(decision.checks.every((c) => c.passed)).toBe(true);
  });

  it('shrinks the order to the headroom left under the total exposure limit', () => {
    const decision = propose({ exposure: exposure(1950) });
    expect(decision.decision).toBe('PROPOSE');
    expect(decision.sizing).toMatchObject({ sizeUsd: 50, shares: 100, bindingConstraint: 'MAX_TOTAL_EXPOSURE_PCT' });
    expect(decision.checks.find((c) => c.name === 'MAX_TOTAL_EXPOSURE_PCT')?.message).toBe('exposure $1950.00 + size $50.00 = $2000.00 <= 20% of bankroll $10000.00 = $2000.00');
  });

  it('shrinks the order to the headroom left in its category', () => {
    const decision = propose({ exposure: exposure(1000, 920) });
    expect(decision.sizing).toMatchObject({ sizeUsd: 80, shares: 160, bindingConstraint: 'MAX_CATEGORY_EXPOSURE_PCT' });
    expect(decision.decision).toBe('PROPOSE');
  });

  it('denies when there is no headroom left, with the limit check saying why', () => {
    const decision = propose({ exposure: exposure(2100) });
    expect(decision.decision).toBe('DENY');
    expect(decision.sizing).toMatchObject({ sizeUsd: 0, bindingConstraint: 'BELOW_MIN_ORDER_SIZE' });
    expect(decision.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}`)).toEqual([
      'MIN_ORDER_SIZE: shares 0.00 < market minimum 5',
      'MAX_TOTAL_EXPOSURE_PCT: exposure $2100.00 + size $0.00 = $2100.00 > 20% of bankroll $10000.00 = $2000.00',
    ]);
  });

  it('denies a 21st order in the hour and a new position after a 10% daily loss', () => {
    expect(propose({ ordersLastHour: 20 }).checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['MAX_ORDERS_PER_HOUR']);
    expect(propose({ equity: 9000, equity24hAgo: 10_000 }).checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['DAILY_LOSS_LIMIT']);
  });
});
