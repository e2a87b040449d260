import type { DailyReport } from '@polybot/intents';
import { formatDailyReport } from './report.format';

const REPORT: DailyReport = {
  since: '2026-11-26T00:00:00.000Z', until: '2026-11-27T00:00:00.000Z', mode: 'paper', ledger: 'PAPER',
  services_mode: { configured: 'paper', running: 'paper', last_snapshot_at: '2026-11-26T23:59:55.000Z', warning: null },
  intents: { created: 8, by_type: { OPEN_POSITION: 7, CLOSE_POSITION: 1 }, by_status: { PENDING: 1, APPROVED: 3, REJECTED: 1, EXPIRED: 1, EXECUTING: 0, EXECUTED: 1, FAILED: 1 } },
  decisions: { approved: 5, rejected: 1, expired: 1, approval_latency: { median_seconds: 30, p90_seconds: 100, max_seconds: 250 } },
  executions: { count: 3, by_mode: { PAPER: 2, DRY_RUN: 1 }, by_status: { FILLED: 2, REFUSED: 1 } },
  fills: {
    count: 2, shares: 70, notional_usd: 34, fees_usd: 0.35,
    by_side: { BUY: { count: 1, shares: 20, notional_usd: 9, fees_usd: 0.1 }, SELL: { count: 1, shares: 50, notional_usd: 25, fees_usd: 0.25 } },
  },
  fees_usd: 0.35, realized_pnl: 4.5, unrealized_pnl: -5, equity: 10011.15,
  kill_switch_events: [
    { name: 'DRAWDOWN', action: 'TRIPPED', actor: 'risk', at: '2026-11-26T01:00:00.000Z', value: 16, threshold: 15, reason: 'drawdown 16.0% >= 15%' },
    { name: 'DRAWDOWN', action: 'CLEARED', actor: 'cli', at: '2026-11-26T02:00:00.000Z', value: 16, threshold: 15, reason: null },
  ],
  generated_at: '2026-11-27T00:00:00.000Z',
};

describe('formatDailyReport', () => {
  it('shows the period, activity, money and kill switch events', () => {
    expect(formatDailyReport(REPORT)).toBe(
      [
        'Period:         2026-11-26T00:00:00.000Z to 2026-11-27T00:00:00.000Z (UTC)',
        'Mode:           paper (PAPER ledger)',
        'Intents:        8 created: OPEN_POSITION 7, CLOSE_POSITION 1; now PENDING 1, APPROVED 3, REJECTED 1, EXPIRED 1, EXECUTED 1, FAILED 1',
        'Decisions:      5 approved, 1 rejected, 1 expired',
        'Approval time:  median 30.0s, p90 100.0s, max 4.2 min',
        'Executions:     3: PAPER 2, DRY_RUN 1; FILLED 2, REFUSED 1',
        'Fills:          2 (70.00 shares, $34.00 notional)',
        '                BUY 1: 20.00 shares, $9.00',
        '                SELL 1: 50.00 shares, $25.00',
        'Fees:           $0.35',
        'Realized P&L:   +$4.50 (in the period, after fees)',
        'Unrealized P&L: -$5.00 (open positions now)',
        'Equity:         $10,011.15 now',
        'Kill switches:  2026-11-26T01:00:00.000Z DRAWDOWN TRIPPED: drawdown 16.0% >= 15%',
        '                2026-11-26T02:00:00.000Z DRAWDOWN cleared by cli',
      ].join('\n'),
    );
  });

  it('warns first when the running services trade in the other mode: this is then not their ledger', () => {
    const warning = 'the running services trade in live mode (account snapshot 5 s ago) but this is set to paper mode and reads the PAPER ledger: use --live or set POLYBOT_MODE=live';
    const text = formatDailyReport({ ...REPORT, services_mode: { configured: 'paper', running: 'live', last_snapshot_at: '2026-11-26T23:59:55.000Z', warning } });
    expect(text.split('\n').slice(0, 3)).toEqual([
      `WARNING: ${warning}`,
      'Period:         2026-11-26T00:00:00.000Z to 2026-11-27T00:00:00.000Z (UTC)',
      'Mode:           paper (PAPER ledger)',
    ]);
  });

  it('reads cleanly for a quiet day', () => {
    const quiet: DailyReport = {
      ...REPORT,
      intents: { created: 0, by_type: {}, by_status: { PENDING: 0, APPROVED: 0, REJECTED: 0, EXPIRED: 0, EXECUTING: 0, EXECUTED: 0, FAILED: 0 } },
      decisions: { approved: 0, rejected: 0, expired: 0, approval_latency: null },
      executions: { count: 0, by_mode: {}, by_status: {} },
      fills: { count: 0, shares: 0, notional_usd: 0, fees_usd: 0, by_side: { BUY: { count: 0, shares: 0, notional_usd: 0, fees_usd: 0 }, SELL: { count: 0, shares: 0, notional_usd: 0, fees_usd: 0 } } },
      realized_pnl: 0,
      kill_switch_events: [],
    };
    const text = formatDailyReport(quiet);
    expect(text).toContain('\nIntents:        0 created\n');
    expect(text).toContain('\nApproval time:  n/a (no approvals)\n');
    expect(text).toContain('\nExecutions:     0\nFills:          0 (0.00 shares, $0.00 notional)\nFees:');
    expect(text).toContain('\nRealized P&L:   $0.00 (in the period, after fees)\n');
    expect(text.endsWith('Kill switches:  no trips or clears')).toBe(true);
  });
});
