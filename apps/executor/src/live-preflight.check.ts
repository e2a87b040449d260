import type { Intent, OrderBook, OrderRequest } from '@polybot/domain';
import type { BalanceAllowance } from '@polybot/polymarket';

/** A pre-flight refusal: the intent fails with this reason and nothing is sent. */
export class PreflightRefusal extends Error {
  override readonly name = 'PreflightRefusal';
}

/** Fees and rounding headroom on top of a BUY's notional. */
const BUY_FEE_HEADROOM = 1.02;

/** Why an intent may no longer be sent because it expired; null while it has not. */
export function expiryRefusal(intent: Intent, now: Date): string | null {
  return intent.expiresAt.getTime() <= now.getTime() ? `intent expired at ${intent.expiresAt.toISOString()}` : null;
}

export function checkNotExpired(intent: Intent, now: Date): void {
  const expired = expiryRefusal(intent, now);
  if (expired !== null) throw new PreflightRefusal(`pre-flight: ${expired}; nothing sent`);
}

/**
 * The price may have moved against us since the approval: a BUY refuses when the best ask is more
 * than `maxSlippage` above the limit, a SELL when the best bid is more than that below it.
 */
export function checkSlippage(order: OrderRequest, book: OrderBook | undefined, maxSlippage: number): void {
  if (!book) throw new PreflightRefusal(`pre-flight: no order book for token ${order.tokenId}; nothing sent`);
  const best = order.side === 'BUY' ? book.asks[0]?.price : book.bids[0]?.price;
  const sideName = order.side === 'BUY' ? 'ask' : 'bid';
  if (best === undefined) throw new PreflightRefusal(`pre-flight: no ${sideName} in the book for token ${order.tokenId}; nothing sent`);
  const drift = order.side === 'BUY' ? best - order.price : order.price - best;
  if (drift > maxSlippage + 1e-9) {
    throw new PreflightRefusal(
      `pre-flight: price drifted beyond POLYBOT_MAX_SLIPPAGE: best ${sideName} ${best} vs limit ${order.price} (${drift.toFixed(4)} > ${maxSlippage}); nothing sent`,
    );
  }
}

/**
 * A BUY needs the pUSD (notional plus fee headroom) and an exchange allowance for it; a SELL needs
 * the shares. `spender` is the exchange the order is signed for (neg-risk or standard).
 */
export function checkFunds(order: OrderRequest, funds: BalanceAllowance, spender: string): void {
  const needed = order.side === 'BUY' ? order.notionalUsd * BUY_FEE_HEADROOM : order.size;
  const unit = order.side === 'BUY' ? 'pUSD' : 'shares';
  if (funds.balance + 1e-9 < needed) {
    throw new PreflightRefusal(`pre-flight: balance ${funds.balance} ${unit} is below the ${needed.toFixed(6)} the order needs; nothing sent`);
  }
  const entries = Object.entries(funds.allowances);
  if (entries.length === 0) return;
  const allowance = entries.find(([address]) => address.toLowerCase() === spender.toLowerCase())?.[1] ?? Math.max(...entries.map(([, v]) => v));
  if (allowance + 1e-9 < needed) {
    throw new PreflightRefusal(`pre-flight: allowance ${allowance} ${unit} for the exchange is below the ${needed.toFixed(6)} the order needs; nothing sent`);
  }
}
