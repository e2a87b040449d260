import type { StatusReport } from '@polybot/intents';

const pad = (label: string) => `${label}:`.padEnd(16);

/** `polyb0t status` for a person: the mode first, then anything that needs attention. */
export function formatStatus(report: StatusReport): string {
  const execution = report.places_real_orders ? 'LIVE EXECUTION (real orders)' : 'dry run (no orders sent)';
  const counts = Object.entries(report.intents).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`);
  const lines = [
    `${pad('Mode')}${report.mode}, ${execution}`,
    `${pad('Bankroll')}$${report.bankroll.toFixed(2)}`,
    `${pad('Intents')}${counts.length ? counts.join(', ') : 'none'}`,
    `${pad('Markets')}${report.markets.known} known; data age ${report.markets.data_age_seconds === null ? 'n/a (no data yet)' : `${report.markets.data_age_seconds}s`}`,
  ];
  const tripped = report.kill_switches.filter((s) => s.tripped);
  lines.push(`${pad('Kill switches')}${tripped.length ? tripped.map((s) => `${s.name} TRIPPED (${s.reason ?? 'no reason'})`).join('; ') : 'none tripped'}`);
  if ('error' in report.queues) {
    lines.push(`${pad('Queues')}${report.queues.error}`);
  } else {
    const depths = Object.entries(report.queues).map(([name, d]) => `${name} ${d.waiting} waiting/${d.active} active${d.failed ? `/${d.failed} failed` : ''}`);
    lines.push(`${pad('Queues')}${depths.join(', ')}`);
  }
  return lines.join('\n');
}
