import type { UniverseReport } from '@polybot/intents';
import { money, table, truncate } from './money.format';

const pad = (label: string) => `${label}:`.padEnd(16);
const INDENT = ' '.repeat(16);

/** `polyb0t universe` for a person: how many markets pass, what each filter cut, and the most liquid ones. */
export function formatUniverse(report: UniverseReport): string {
  const f = report.filters;
  const lines = [
    `${pad('Markets')}${report.tradable} tradable of ${report.total} open stored${report.newest_update ? ` (newest data ${report.newest_update})` : ' (no market data yet: is the ingestor running?)'}`,
    `${pad('Filters')}liquidity >= ${money(f.min_liquidity_usd)}, 24h volume >= ${money(f.min_volume_24h_usd)}, spread <= ${f.max_spread}, ` +
      `resolves in ${f.min_hours_to_resolution} h to ${f.max_days_to_resolution} days` +
      `${f.require_order_book ? ', order book on' : ''}${f.require_accepting_orders ? ', accepting orders' : ''}`,
  ];
  const excluded = Object.entries(report.excluded_by);
  const width = Math.max(...excluded.map(([name]) => name.length));
  excluded.forEach(([name, n], i) => lines.push(`${i === 0 ? pad('Excluded by') : INDENT}${name.padEnd(width)}  ${n}`));
  if (report.top_markets.length === 0) {
    lines.push(`${pad('Top markets')}none tradable`);
    return lines.join('\n');
  }
  const rows = report.top_markets.map((m) => [
    m.market_id,
    truncate(m.question, 50),
    money(m.liquidity_usd),
    money(m.volume_24h_usd),
    m.widest_spread === null ? '-' : m.widest_spread.toFixed(3),
    m.end_date ? m.end_date.slice(0, 10) : '-',
  ]);
  lines.push('', `Top ${rows.length} tradable by liquidity:`, ...table([['MARKET', 'QUESTION', 'LIQUIDITY', 'VOLUME 24H', 'SPREAD', 'ENDS'], ...rows], [2, 3, 4]));
  return lines.join('\n');
}
