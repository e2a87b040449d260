import type { IntentJson } from '@polybot/intents';
import { formatExecution, formatIntent, formatIntentList, formatListShortfall } from './intent.format';

const NOW = Date.parse('2026-01-04T20:30:30Z');

const intent = (overrides: Partial<IntentJson> = {}): IntentJson => ({
  id: 'abc12345-0000-4000-8000-000000000001',
  type: 'OPEN_POSITION',
  status: 'PENDING',
  market_id: 'm1',
  condition_id: '0xc',
  token_id: 'token_yes_rain_tomorrow',
  outcome: 'Yes',
  side: 'BUY',
  price: 0.598,
  size_usd: 150,
  edge: 0.065,
  model_prob: 0.663,
  market_price: 0.598,
  confidence: 0.82,
  reason: 'BUY signal with 6.5% edge, confidence 0.82',
  strategy: 'forecast_feed',
  risk_checks: [{ name: 'MIN_EDGE', passed: true, value: 0.065, limit: 0.05, message: 'edge +0.065 >= threshold 0.050' }],
  created_at: '2026-01-04T20:30:15.000Z',
  expires_at: '2026-01-04T20:31:15.000Z',
  decided_at: null,
  decided_by: null,
  status_reason: null,
  executed_at: null,
  execution: null,
  ...overrides,
});

describe('formatIntent', () => {
  it('shows a pending intent the way the spec does, with the time left', () => {
    expect(formatIntent(intent(), NOW)).toBe(
      [
        'Intent ID:    abc12345-0000-4000-8000-000000000001',
        'Type:         OPEN_POSITION',
        'Status:       PENDING',
        'Market:       m1 (Yes)',
        'Token:        token_yes_rain_tomorrow',
        'Side:         BUY',
        'Price:        0.598',
        'Size:         $150.00',
        'Edge:         +0.065 (model: 0.663, market: 0.598)',
        'Reason:       BUY signal with 6.5% edge, confidence 0.82',
        'Risk Checks:  ok All passed',
        'Created:      2026-01-04T20:30:15.000Z',
        'Expires:      2026-01-04T20:31:15.000Z',
        'Time Left:    45s',
      ].join('\n'),
    );
  });

  it('lists every failed check and shows the decision and execution of a finished intent', () => {
    const text = formatIntent(
      intent({
        status: 'EXECUTED',
        risk_checks: [
          { name: 'MIN_EDGE', passed: true, value: 0.065, limit: 0.05, message: 'ok' },
          { name: 'MAX_SPREAD', passed: false, value: 0.2, limit: 0.1, message: 'spread 0.200 > 0.100' },
        ],
        decided_at: '2026-01-04T20:30:40.000Z',
        decided_by: 'cli',
        execution: { mode: 'DRY_RUN', status: 'DRY_RUN', order: {}, order_id: null, filled_size: 0, avg_price: null, fees: 0, error: null, created_at: '', updated_at: '' },
      }),
      NOW,
    );
    expect(text).toContain('Risk Checks:  FAILED MAX_SPREAD: spread 0.200 > 0.100');
    expect(text).toContain('Decided:      2026-01-04T20:30:40.000Z by cli');
    expect(text).toContain('Execution:    dry run, nothing sent');
    expect(text).not.toContain('Time Left');
  });

  it('shows a live or paper execution by mode and status, with its order and any error', () => {
    const base = { order: {}, filled_size: 5, avg_price: 0.41, fees: 0, created_at: '', updated_at: '' };
    expect(formatExecution({ ...base, mode: 'LIVE', status: 'FILLED', order_id: '0xabc', error: null })).toBe('LIVE FILLED order 0xabc');
    expect(formatExecution({ ...base, mode: 'PAPER', status: 'FAILED', order_id: null, error: 'nothing filled' })).toBe('PAPER FAILED: nothing filled');
    expect(formatExecution({ ...base, mode: 'DRY_RUN', status: 'FAILED', order_id: null, error: 'blocked' })).toBe('DRY_RUN FAILED: blocked');
  });

  it('says "expired" once the clock has passed a pending intent, and explains an empty list', () => {
    expect(formatIntent(intent(), Date.parse('2026-01-04T20:31:16Z'))).toContain('Time Left:    expired');
    expect(formatIntentList([], NOW, false)).toBe('No pending intents. (Use --all to see earlier ones.)');
  });
});

describe('formatListShortfall', () => {
  it('is null when the list holds every match', () => {
    expect(formatListShortfall(0, 0, 100, 1000)).toBeNull();
    expect(formatListShortfall(42, 42, 100, 1000)).toBeNull();
  });

  it('names what was left out and the --limit that shows it all, when one can', () => {
    expect(formatListShortfall(100, 345, 100, 1000)).toBe('Showing the newest 100 of 345 intents; use --limit 345 to see them all.');
    expect(formatListShortfall(100, 2345, 100, 1000)).toBe('Showing the newest 100 of 2,345 intents; use --limit (up to 1000) or --status to see more.');
    expect(formatListShortfall(1000, 2345, 1000, 1000)).toBe('Showing the newest 1,000 of 2,345 intents (--limit goes up to 1000); use --status to narrow the list.');
  });
});
