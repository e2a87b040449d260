import { z } from 'zod';
import type { BalanceAllowance, PostOrderAnswer, VenueOrder, VenueTrade } from './clob-trading.types';

/** Venue numbers arrive as strings or numbers; anything else is malformed. */
const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?(e-?\d+)?$/i).transform(Number)]);
const text = z.union([z.string(), z.number().transform(String)]);

const postAnswerSchema = z.object({
  success: z.boolean().optional(),
  errorMsg: z.string().optional(),
  orderID: z.string().optional(),
  status: z.string().optional(),
  tradeIDs: z.array(z.string()).nullish(),
});

const orderSchema = z.object({
  id: z.string(),
  status: z.string(),
  asset_id: text,
  side: z.string(),
  original_size: num,
  size_matched: num,
  price: num,
});

const tradeSchema = z.object({
  id: z.string(),
  taker_order_id: z.string(),
  asset_id: text,
  side: z.string(),
  size: num,
  price: num,
  fee_rate_bps: num.optional(),
  status: z.string(),
  match_time: text.optional(),
  trader_side: z.string().optional(),
  maker_orders: z.array(z.object({ order_id: z.string(), matched_amount: num, price: num }).passthrough()).optional(),
});

const pageSchema = z.object({ data: z.array(z.unknown()), next_cursor: z.string().optional() });

const balanceSchema = z.object({ balance: num, allowances: z.record(num).optional() });

/** pUSD and outcome tokens both have 6 decimals; the balance endpoint answers in base units. */
const UNIT = 1_000_000;

export class ClobWireError extends Error {
  override readonly name = 'ClobWireError';
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ClobWireError(`${what}: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'is invalid'}`);
  }
  return result.data;
}

export function parsePostAnswer(body: unknown): PostOrderAnswer {
  const a = parseWith(postAnswerSchema, body, 'POST /order answer');
  return {
    success: a.success ?? false,
    orderId: a.orderID ? a.orderID : null,
    status: a.status ?? '',
    errorMsg: a.errorMsg ?? '',
    tradeIds: a.tradeIDs ?? [],
  };
}

export function parseVenueOrder(body: unknown): VenueOrder {
  const o = parseWith(orderSchema, body, 'order');
  return { id: o.id, status: o.status, tokenId: o.asset_id, side: o.side, originalSize: o.original_size, sizeMatched: o.size_matched, price: o.price };
}

export function parseVenueTrade(body: unknown): VenueTrade {
  const t = parseWith(tradeSchema, body, 'trade');
  return {
    id: t.id,
    takerOrderId: t.taker_order_id,
    makerOrders: (t.maker_orders ?? []).map((m) => ({ orderId: m.order_id, matchedAmount: m.matched_amount, price: m.price })),
    tokenId: t.asset_id,
    side: t.side,
    size: t.size,
    price: t.price,
    feeRateBps: t.fee_rate_bps ?? 0,
    status: t.status,
    matchTime: t.match_time ?? '',
    traderSide: t.trader_side ?? 'TAKER',
  };
}

export function parsePage(body: unknown, what: string): { data: unknown[]; nextCursor: string | null } {
  // Some endpoints answer a bare array rather than a page.
  if (Array.isArray(body)) return { data: body, nextCursor: null };
  const page = parseWith(pageSchema, body, what);
  return { data: page.data, nextCursor: page.next_cursor ?? null };
}

export function parseBalanceAllowance(body: unknown): BalanceAllowance {
  const b = parseWith(balanceSchema, body, 'balance-allowance answer');
  const allowances: Record<string, number> = {};
  for (const [spender, amount] of Object.entries(b.allowances ?? {})) allowances[spender] = amount / UNIT;
  return { balance: b.balance / UNIT, allowances };
}
