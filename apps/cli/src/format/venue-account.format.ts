import type { CollateralJson, VenueAccountJson } from '@polybot/intents';
import { money, table } from './money.format';

const pad = (label: string) => `${label}:`.padEnd(16);
const INDENT = ' '.repeat(16);
/** Open orders listed one per line; the rest are counted. */
const ORDERS_LISTED = 5;
/** Allowances are usually set to the maximum (2^256 - 1 base units): no one needs that number. */
const UNLIMITED_USD = 1e12;

/** Token ids are 70-odd digits and addresses 42 characters: the ends are enough to tell them apart. */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 6)}…${id.slice(-4)}`;
}

function collateralText(c: CollateralJson): string {
  const allowances = Object.entries(c.allowances).map(([spender, usd]) => `${usd >= UNLIMITED_USD ? 'unlimited' : money(usd)} for ${shortId(spender)}`);
  return `${money(c.balance)} balance; allowance ${allowances.length ? allowances.join(', ') : 'none'}`;
}

/**
 * The wallet as the venue reported it at the snapshot, after the bot's own ledger: a part the
 * venue did not answer for says why instead of looking empty.
 */
export function venueAccountLines(v: VenueAccountJson): string[] {
  if (v.not_read !== null) return [`${pad('Venue account')}${v.not_read}`];
  const gaps = (part: string) => v.unavailable.filter((u) => u.part === part).map((u) => `unavailable: ${u.reason}`);
  const lines = [`${pad('Venue account')}snapshot at ${v.snapshot_at} (${v.snapshot_age_seconds}s old)`];
  lines.push(`${pad('Venue pUSD')}${[...(v.collateral ? [collateralText(v.collateral)] : []), ...gaps('balances')].join('; ')}`);

  const held = v.positions.map((p) => [
    shortId(p.token_id), `${p.outcome}${p.redeemable ? ' (redeemable)' : ''}`, p.size.toFixed(2), p.avg_price.toFixed(3), p.current_value === null ? 'n/a' : money(p.current_value),
  ]);
  const heldLines = held.length ? table([['TOKEN', 'OUTCOME', 'SIZE', 'AVG', 'VALUE'], ...held], [2, 3, 4]) : [];
  const heldNotes = [...(held.length || gaps('positions').length ? [] : ['none']), ...gaps('positions')];
  [...heldLines, ...heldNotes].forEach((line, i) => lines.push(`${i === 0 ? pad('Venue holdings') : INDENT}${line}`));

  const orders = v.open_orders.slice(0, ORDERS_LISTED).map((o) => [
    o.side, shortId(o.token_id), o.price.toFixed(3), o.original_size.toFixed(2), o.size_matched.toFixed(2), o.status,
  ]);
  const orderLines = orders.length ? table([['SIDE', 'TOKEN', 'PRICE', 'SIZE', 'FILLED', 'STATUS'], ...orders], [2, 3, 4]) : [];
  const more = v.open_orders.length - orders.length;
  const orderGaps = gaps('open_orders');
  lines.push(`${pad('Venue orders')}${orderGaps.length && !orders.length ? orderGaps.shift() : `${v.open_orders.length} open`}`);
  for (const line of [...orderLines, ...(more > 0 ? [`… and ${more} more`] : []), ...orderGaps]) lines.push(`${INDENT}${line}`);
  // A part the formats above do not know (a newer recorder's): still shown.
  for (const u of v.unavailable.filter((u) => !['balances', 'positions', 'open_orders'].includes(u.part))) lines.push(`${INDENT}${u.part} unavailable: ${u.reason}`);
  return lines;
}
