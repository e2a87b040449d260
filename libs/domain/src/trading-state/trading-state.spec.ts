import { INTENT_TYPES, type IntentType } from '../intent/intent.types';
import { isRiskReducing, mayProceed, tradingStateFor, type TradingState } from './trading-state';

describe('tradingStateFor', () => {
  it.each([
    [[], 'ACTIVE'],
    [['DRAWDOWN'], 'HALTED'],
    [['STALE_DATA', 'API_ERRORS'], 'HALTED'],
  ])('%p -> %s', (tripped, state) => {
    expect(tradingStateFor(tripped)).toBe(state);
  });
});

describe('isRiskReducing', () => {
  it('covers exits and claims, not openings, for every intent type', () => {
    expect(INTENT_TYPES.map((type) => [type, isRiskReducing(type)])).toEqual([
      ['OPEN_POSITION', false],
      ['CLOSE_POSITION', true],
      ['CLAIM_SETTLEMENT', true],
    ]);
  });
});

describe('mayProceed', () => {
  const table: [IntentType, TradingState, string[], boolean, string | null][] = [
    ['OPEN_POSITION', 'ACTIVE', [], true, null],
    ['CLOSE_POSITION', 'ACTIVE', [], true, null],
    ['CLAIM_SETTLEMENT', 'ACTIVE', [], true, null],
    ['OPEN_POSITION', 'HALTED', ['DRAWDOWN'], false, 'trading is HALTED (kill switch DRAWDOWN tripped): OPEN_POSITION refused until cleared; exits and claims still allowed'],
    [
      'OPEN_POSITION',
      'HALTED',
      ['DAILY_LOSS', 'SPREAD_ANOMALY'],
      false,
      'trading is HALTED (kill switches DAILY_LOSS, SPREAD_ANOMALY tripped): OPEN_POSITION refused until cleared; exits and claims still allowed',
    ],
    ['OPEN_POSITION', 'HALTED', [], false, 'trading is HALTED (a kill switch tripped): OPEN_POSITION refused until cleared; exits and claims still allowed'],
    ['CLOSE_POSITION', 'HALTED', ['DRAWDOWN'], true, null],
    ['CLAIM_SETTLEMENT', 'HALTED', ['DRAWDOWN'], true, null],
  ];
  it.each(table)('%s while %s %p -> allowed %p', (type, state, tripped, allowed, reason) => {
    expect(mayProceed(type, state, tripped)).toEqual({ allowed, reason });
  });
});
