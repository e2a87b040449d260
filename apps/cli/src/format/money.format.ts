/** Dollars for a person: $1,234.50, minus sign before the dollar sign. */
export function money(usd: number): string {
  const text = Math.abs(usd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${usd < 0 && Number(Math.abs(usd).toFixed(2)) !== 0 ? '-' : ''}$${text}`;
}

/** P&L with an explicit sign: +$12.00 / -$3.50. */
export function signedMoney(usd: number): string {
  return Number(usd.toFixed(2)) > 0 ? `+${money(usd)}` : money(usd);
}

export function signedPct(pct: number): string {
  return `${Number(pct.toFixed(1)) > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** A fixed-width text table: the first row is the header; columns listed in `right` are right-aligned. */
export function table(rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => (right.includes(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
