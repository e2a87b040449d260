import type { StatusReport } from '@polybot/intents';
import { modeWarning } from './mode-warning.format';
import { money, signedMoney, signedPct, table, truncate } from './money.format';
import { venueAccountLines } from './venue-account.format';

const pad = (label: string) => `${label}:`.padEnd(16);
const INDENT = ' '.repeat(16);

function positionLines(report: StatusReport): string[] {
  if (report.positions.length === 0) return [`${pad('Positions')}none`];
  const rows = report.positions.map((p) => [
    truncate(p.market ?? p.market_id, 40),
    p.outcome,
    p.shares.toFixed(2),
    p.avg_price.toFixed(3),
    p.mark === null ? 'no bid' : p.mark.toFixed(3),
    money(p.market_value),
    signedMoney(p.unrealized_pnl),
    signedPct(p.pnl_pct),
  ]);
  const [header, ...body] = table([['MARKET', 'OUTCOME', 'SHARES', 'AVG', 'MARK', 'VALUE', 'P&L', 'P&L %'], ...rows], [2, 3, 4, 5, 6, 7]);
  return [`${pad('Positions')}${header}`, ...body.map((line) => `${INDENT}${line}`)];
}

const usage = (usd: number, limit: number) => `${money(usd)} of ${money(limit)}${usd > limit + 1e-9 ? '  OVER LIMIT' : ''}`;

function exposureLines(report: StatusReport): string[] {
  const { total, by_market, by_category } = report.exposure;
  const lines = [`${pad('Exposure')}${usage(total.usd, total.limit_usd)} total`];
  for (const c of by_category) lines.push(`${INDENT}category ${c.category}: ${usage(c.usd, c.limit_usd)}`);
  for (const m of by_market) lines.push(`${INDENT}market ${m.market_id}: ${usage(m.usd, m.limit_usd)}`);
  return lines;
}

function killSwitchLines(report: StatusReport): string[] {
  const width = Math.max(...report.kill_switches.map((s) => s.name.length));
  return report.kill_switches.map((s, i) => {
    const state = s.tripped ? `TRIPPED at ${s.tripped_at ?? '?'}: ${s.reason ?? 'no reason'}` : `ok (threshold ${s.threshold ?? '-'})`;
    return `${i === 0 ? pad('Kill switches') : INDENT}${s.name.padEnd(width)}  ${state}`;
  });
}

function signalLine(report: StatusReport): string {
  const { proposed, denied, duplicate, denied_by } = report.signals_last_hour;
  if (proposed + denied + duplicate === 0) return `${pad('Signals (1 h)')}none`;
  const reasons = denied_by.length ? `; denials failed ${denied_by.map(({ check, count }) => `${check} ${count}`).join(', ')}` : '';
  return `${pad('Signals (1 h)')}${proposed} proposed, ${denied} denied, ${duplicate} already pending${reasons}`;
}

/**
 * `polyb0t status` for a person: the mode first (after a warning when the running services trade in
 * the other one), then the money (the bot's own ledger, then the venue's account), then anything
 * that needs attention.
 */
export function formatStatus(report: StatusReport): string {
  const execution = report.places_real_orders ? 'LIVE EXECUTION (real orders)' : 'dry run (no orders sent)';
  const counts = Object.entries(report.intents).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`);
  const warning = modeWarning(report.services_mode);
  const lines = [
    ...(warning ? [warning] : []),
    `${pad('Mode')}${report.mode}, ${execution}`,
    `${pad('Bankroll')}${money(report.bankroll)} (${report.bankroll_basis.note})`,
    `${pad('Equity')}${money(report.equity)} (cash ${money(report.cash)})`,
    `${pad('P&L')}realized ${signedMoney(report.realized_pnl)}, unrealized ${signedMoney(report.unrealized_pnl)}`,
    ...positionLines(report),
    ...exposureLines(report),
    ...venueAccountLines(report.venue_account),
    `${pad('Intents')}${counts.length ? counts.join(', ') : 'none'}`,
    `${pad('Markets')}${report.markets.known} known; data age ${report.markets.data_age_seconds === null ? 'n/a (no data yet)' : `${report.markets.data_age_seconds}s`}`,
    signalLine(report),
    ...killSwitchLines(report),
  ];
  if ('error' in report.queues) {
    lines.push(`${pad('Queues')}${report.queues.error}`);
  } else {
    const depths = Object.entries(report.queues).map(([name, d]) => `${name} ${d.waiting} waiting/${d.active} active${d.failed ? `/${d.failed} failed` : ''}`);
    lines.push(`${pad('Queues')}${depths.join(', ')}`);
  }
  return lines.join('\n');
}
