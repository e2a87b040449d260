import type { DailyReport } from '@polybot/intents';
import { modeWarning } from './mode-warning.format';
import { money, signedMoney } from './money.format';

const pad = (label: string) => `${label}:`.padEnd(16);
const INDENT = ' '.repeat(16);
const counts = (record: Record<string, number>) => {
  const parts = Object.entries(record).filter(([, n]) => n > 0).map(([key, n]) => `${key} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
};
const seconds = (s: number) => (s < 120 ? `${s.toFixed(1)}s` : `${(s / 60).toFixed(1)} min`);

/** `polyb0t report` for a person: activity in the window, then the money (after a warning when it is not the running services' ledger). */
export function formatDailyReport(report: DailyReport): string {
  const { intents, decisions, executions, fills } = report;
  const latency = decisions.approval_latency;
  const warning = modeWarning(report.services_mode);
  const lines = [
    ...(warning ? [warning] : []),
    `${pad('Period')}${report.since} to ${report.until} (UTC)`,
    `${pad('Mode')}${report.mode} (${report.ledger} ledger)`,
    `${pad('Intents')}${intents.created} created${intents.created ? `: ${counts(intents.by_type)}; now ${counts(intents.by_status)}` : ''}`,
    `${pad('Decisions')}${decisions.approved} approved, ${decisions.rejected} rejected, ${decisions.expired} expired`,
    `${pad('Approval time')}${latency ? `median ${seconds(latency.median_seconds)}, p90 ${seconds(latency.p90_seconds)}, max ${seconds(latency.max_seconds)}` : 'n/a (no approvals)'}`,
    `${pad('Executions')}${executions.count}${executions.count ? `: ${counts(executions.by_mode)}; ${counts(executions.by_status)}` : ''}`,
    `${pad('Fills')}${fills.count} (${fills.shares.toFixed(2)} shares, ${money(fills.notional_usd)} notional)`,
  ];
  if (fills.count) {
    for (const side of ['BUY', 'SELL'] as const) {
      const s = fills.by_side[side];
      if (s.count) lines.push(`${INDENT}${side} ${s.count}: ${s.shares.toFixed(2)} shares, ${money(s.notional_usd)}`);
    }
  }
  lines.push(
    `${pad('Fees')}${money(report.fees_usd)}`,
    `${pad('Realized P&L')}${signedMoney(report.realized_pnl)} (in the period, after fees)`,
    `${pad('Unrealized P&L')}${signedMoney(report.unrealized_pnl)} (open positions now)`,
    `${pad('Equity')}${money(report.equity)} now`,
  );
  if (report.kill_switch_events.length === 0) {
    lines.push(`${pad('Kill switches')}no trips or clears`);
  } else {
    report.kill_switch_events.forEach((e, i) => {
      const detail = e.action === 'TRIPPED' ? `TRIPPED${e.reason ? `: ${e.reason}` : ''}` : `cleared by ${e.actor}`;
      lines.push(`${i === 0 ? pad('Kill switches') : INDENT}${e.at} ${e.name} ${detail}`);
    });
  }
  return lines.join('\n');
}
