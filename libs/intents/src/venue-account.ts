import { z } from 'zod';
import type { Settings } from '@polybot/config';
import type { AccountSnapshot } from '@polybot/persistence';

/** A position the wallet holds, as the venue's Data API reported it. */
export interface VenuePositionJson {
  token_id: string;
  condition_id: string;
  outcome: string;
  size: number;
  avg_price: number;
  /** The venue's own valuation; null when it gave none. */
  current_value: number | null;
  redeemable: boolean;
}

export interface VenueOrderJson {
  id: string;
  token_id: string;
  side: string;
  price: number;
  original_size: number;
  size_matched: number;
  status: string;
}

/** pUSD, in dollars: what the wallet holds and what each exchange contract may spend of it. */
export interface CollateralJson {
  balance: number;
  allowances: Record<string, number>;
}

/**
 * The account as the venue reports it (the spec's read-only account tracking), from the risk
 * service's latest snapshot, beside the bot's own ledger: the two differ by whatever was traded
 * outside the bot, or not yet reconciled.
 */
export interface VenueAccountJson {
  /** Null when the latest snapshot is a live one; otherwise why there is no venue account to show. */
  not_read: string | null;
  snapshot_at: string | null;
  snapshot_age_seconds: number | null;
  /** Null when not read or unavailable. */
  collateral: CollateralJson | null;
  /** Largest current value first; empty when not read or unavailable. */
  positions: VenuePositionJson[];
  open_orders: VenueOrderJson[];
  /** The parts the venue did not answer for (positions, open_orders, balances), with the reason. */
  unavailable: { part: string; reason: string }[];
}

const positionRow = z.object({
  tokenId: z.string(), conditionId: z.string(), outcome: z.string(), size: z.number(), avgPrice: z.number(),
  currentValue: z.number().nullable(), redeemable: z.boolean(),
});
const orderRow = z.object({
  id: z.string(), tokenId: z.string(), side: z.string(), price: z.number(), originalSize: z.number(), sizeMatched: z.number(), status: z.string(),
});
const balancesRow = z.object({ collateral: z.object({ balance: z.number(), allowances: z.record(z.number()) }).optional() });

/** The recorder names parts as the reader does; the JSON uses the report's snake_case. */
const PART_NAMES: Record<string, string> = { positions: 'positions', openOrders: 'open_orders', balances: 'balances' };

function unavailableOf(entries: readonly string[]): VenueAccountJson['unavailable'] {
  return entries.map((entry) => {
    const at = entry.indexOf(': ');
    const name = at < 0 ? entry : entry.slice(0, at);
    return { part: PART_NAMES[name] ?? name, reason: at < 0 ? 'unknown' : entry.slice(at + 2) };
  });
}

/** Rows that do not parse are left out and counted as unavailable, so the status never fails on one. */
function rowsOf<T>(stored: unknown, schema: z.ZodType<T>, part: string, unavailable: VenueAccountJson['unavailable']): T[] {
  if (!Array.isArray(stored)) {
    unavailable.push({ part, reason: 'stored value is not a list' });
    return [];
  }
  const parsed = stored.map((row) => schema.safeParse(row)).flatMap((r) => (r.success ? [r.data] : []));
  if (parsed.length < stored.length) unavailable.push({ part, reason: `${stored.length - parsed.length} stored row(s) unreadable` });
  return parsed;
}

const notRead = (reason: string): VenueAccountJson => ({
  not_read: reason, snapshot_at: null, snapshot_age_seconds: null, collateral: null, positions: [], open_orders: [], unavailable: [],
});

export function venueAccountOf(snapshot: AccountSnapshot | null, settings: Pick<Settings, 'mode'>, now: Date): VenueAccountJson {
  const mode = snapshot?.mode.toLowerCase() ?? settings.mode;
  // A paper snapshot's positions are the paper ledger's, not the venue's.
  if (mode === 'paper') return notRead('paper mode: the venue account is not read, only the bot\'s own ledger');
  if (!snapshot) return notRead('no account snapshot yet: the risk service records the venue account every cycle in live mode');
  const unavailable = unavailableOf(snapshot.unavailable);
  const missing = (part: string) => unavailable.some((u) => u.part === part);
  // Without the venue's positions the recorder stores the ledger's instead: not shown as the wallet's.
  const positions = missing('positions') ? [] : rowsOf(snapshot.positions, positionRow, 'positions', unavailable);
  const orders = missing('open_orders') ? [] : rowsOf(snapshot.openOrders, orderRow, 'open_orders', unavailable);
  const balances = balancesRow.safeParse(snapshot.balances);
  const collateral = balances.success ? balances.data.collateral : undefined;
  if (!collateral && !missing('balances')) unavailable.push({ part: 'balances', reason: 'no pUSD balance in the snapshot' });
  return {
    not_read: null,
    snapshot_at: snapshot.takenAt.toISOString(),
    snapshot_age_seconds: Math.max(0, Math.round((now.getTime() - snapshot.takenAt.getTime()) / 1000)),
    collateral: collateral ? { balance: collateral.balance, allowances: collateral.allowances } : null,
    positions: positions
      .sort((a, b) => (b.currentValue ?? 0) - (a.currentValue ?? 0) || a.tokenId.localeCompare(b.tokenId))
      .map((p) => ({
        token_id: p.tokenId, condition_id: p.conditionId, outcome: p.outcome, size: p.size, avg_price: p.avgPrice, current_value: p.currentValue, redeemable: p.redeemable,
      })),
    open_orders: orders.map((o) => ({
      id: o.id, token_id: o.tokenId, side: o.side, price: o.price, original_size: o.originalSize, size_matched: o.sizeMatched, status: o.status,
    })),
    unavailable,
  };
}
