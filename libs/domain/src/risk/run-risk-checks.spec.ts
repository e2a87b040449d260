import type { RiskCheckResult } from './risk-check.types';
import type { RiskCheck } from './risk-context.types';
import { riskContext } from './test/risk-context.fixture';
import { createDefaultRiskChecks, createRecheckRiskChecks, runRiskChecks } from './run-risk-checks';

describe('runRiskChecks', () => {
  const checks = createDefaultRiskChecks();

  it('records every default check, in order, when all pass', () => {
    const verdict = runRiskChecks(checks, riskContext());
    expect(verdict.passed).toBe(true);
    expect(verdict.results.map((r) => [r.name, r.passed])).toEqual([
      ['UNIVERSE', true],
      ['MARKET_DATA_AGE', true],
      ['MIN_EDGE', true],
      ['MAX_POSITION_PCT', true],
      ['MAX_NOTIONAL_PER_MARKET', true],
      ['MIN_ORDER_SIZE', true],
      ['MAX_TOTAL_EXPOSURE_PCT', true],
      ['MAX_CATEGORY_EXPOSURE_PCT', true],
      ['MAX_ORDERS_PER_HOUR', true],
      ['DAILY_LOSS_LIMIT', true],
    ]);
  });

  it('does not short-circuit: every check runs after the first failure', () => {
    const verdict = runRiskChecks(checks, riskContext({ sizeUsd: 1200, shares: 2400 }));
    expect(verdict.passed).toBe(false);
    expect(verdict.results).toHaveLength(10);
    expect(verdict.results.filter((r) => !r.passed).map((r) => r.name)).toEqual(['MAX_POSITION_PCT', 'MAX_NOTIONAL_PER_MARKET', 'MAX_CATEGORY_EXPOSURE_PCT']);
  });

  it('fails when any single check fails', () => {
    expect(runRiskChecks(checks, riskContext({ shares: 4.99 })).passed).toBe(false);
  });

  it('records a check that throws as failed, and still runs the rest', () => {
    const exploding: RiskCheck = {
      name: 'EXPLODING',
      evaluate(): RiskCheckResult {
        throw new Error('boom');
      },
    };
    const verdict = runRiskChecks([exploding, ...checks], riskContext());
    expect(verdict.passed).toBe(false);
    expect(verdict.results[0]).toEqual({ name: 'EXPLODING', passed: false, value: 0, limit: 0, message: 'check could not run: boom' });
    expect(verdict.results.slice(1).every((r) => r.passed)).toBe(true);
  });

  it('fails closed on an empty list of checks', () => {
    expect(runRiskChecks([], riskContext())).toEqual({ passed: false, results: [] });
  });

  it('builds fresh check instances each time', () => {
    expect(createDefaultRiskChecks()).not.toBe(createDefaultRiskChecks());
    expect(createDefaultRiskChecks().map((c) => c.name)).toEqual([
      'UNIVERSE',
      'MARKET_DATA_AGE',
      'MIN_EDGE',
      'MAX_POSITION_PCT',
      'MAX_NOTIONAL_PER_MARKET',
      'MIN_ORDER_SIZE',
      'MAX_TOTAL_EXPOSURE_PCT',
      'MAX_CATEGORY_EXPOSURE_PCT',
      'MAX_ORDERS_PER_HOUR',
      'DAILY_LOSS_LIMIT',
    ]);
  });

  it('re-checks run everything but MIN_EDGE', () => {
    expect(createRecheckRiskChecks().map((c) => c.name)).toEqual([
      'UNIVERSE',
      'MARKET_DATA_AGE',
      'MAX_POSITION_PCT',
      'MAX_NOTIONAL_PER_MARKET',
      'MIN_ORDER_SIZE',
      'MAX_TOTAL_EXPOSURE_PCT',
      'MAX_CATEGORY_EXPOSURE_PCT',
      'MAX_ORDERS_PER_HOUR',
      'DAILY_LOSS_LIMIT',
    ]);
  });
});
