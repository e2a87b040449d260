import type { Intent } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import type { VenueOrder, VenueTrade } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotSettled } from './execution-venue';

/** Order states after which nothing more can fill. */
const TERMINAL = new Set(['MATCHED', 'CANCELED', 'CANCELLED', 'EXPIRED', 'UNMATCHED', 'FILLED']);

/** What one look at the venue says of the order. */
type OrderStatus = { readonly kind: 'open'; readonly order: VenueOrder } | { readonly kind: 'done' | 'unknown'; readonly order: VenueOrder | null };

export interface FollowOptions {
  /** Polling period; the user websocket only shortens the waits. */
  readonly pollIntervalMs: number;
  /** Resolves early when the venue pushes news about this order (user channel). */
  readonly wake?: (orderId: string, timeoutMs: number) => Promise<void>;
}

export interface FollowedOrder {
  readonly order: VenueOrder | null;
  readonly trades: VenueTrade[];
  /** True when we cancelled the unfilled remainder at the intent's expiry. */
  readonly cancelledAtExpiry: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How far before the intent's creation an order's trades are still looked for. */
export const TRADES_CLOCK_MARGIN_MS = 3_600_000;

/**
 * Follows a placed order until nothing more can fill: fully matched, killed (FOK/FAK), cancelled
 * or expired at the venue. A remainder still resting when the intent expires is cancelled then
 * (GTC; a GTD order is cancelled too, in case the venue's expiry lags). Then the order's trades.
 * A failed status read never ends the following: an order given up on while it rests would fill
 * unrecorded. One that may still rest after the expiry is not settled (OrderNotSettled).
 */
export class LiveOrderFollower {
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FollowOptions,
  ) {}

  async follow(trading: ClobTradingClient, orderId: string, tokenId: string, intent: Intent): Promise<FollowedOrder> {
    let cancelledAtExpiry = false;
    let seen: VenueOrder | null = null;
    for (;;) {
      const now = await this.status(trading, orderId, intent);
      seen = now.order ?? seen;
      if (now.kind === 'done') break;
      const untilExpiry = intent.expiresAt.getTime() - this.clock();
      if (untilExpiry <= 0) {
        cancelledAtExpiry = await this.cancelRemainder(trading, orderId, intent);
        const last = await this.status(trading, orderId, intent);
        seen = last.order ?? seen;
        if (!cancelledAtExpiry && last.kind !== 'done') {
          throw new OrderNotSettled(`order ${orderId} may still rest at the venue: its remainder could not be cancelled at the intent's expiry and its status is ${last.kind === 'open' ? last.order.status : 'unknown'}`);
        }
        break;
      }
      const wait = Math.min(this.options.pollIntervalMs, untilExpiry);
      await (this.options.wake ? this.options.wake(orderId, wait) : sleep(wait));
    }
    // Only trades since the intent was proposed, less a margin for clock skew (the venue refuses
    // requests signed far off its clock anyway): every earlier trade in the token was read and
    // parsed again on each execution, more with every order the account ever placed in it.
    const after = new Date(intent.createdAt.getTime() - TRADES_CLOCK_MARGIN_MS);
    const trades = (await trading.getTrades({ tokenId, after })).filter((t) => t.takerOrderId === orderId || t.makerOrders.some((m) => m.orderId === orderId));
    return { order: seen, trades, cancelledAtExpiry };
  }

  /**
   * Where the order stands. The venue answers a closed order (filled, killed, cancelled) with no
   * order at all, so one it does not show is done unless its open orders still list it; a failed
   * read is unknown (logged) and the order is followed on, never dropped.
   */
  private async status(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<OrderStatus> {
    try {
      const order = (await trading.getOrder(orderId)) ?? (await trading.getOpenOrders({ id: orderId })).find((o) => o.id === orderId) ?? null;
      if (order === null) return { kind: 'done', order: null };
      return { kind: this.isDone(order) ? 'done' : 'open', order };
    } catch (error) {
      this.logger.warn({ intent_id: intent.id, order_id: orderId, err: error }, 'Order status read failed; will poll again');
      return { kind: 'unknown', order: null };
    }
  }

  private isDone(order: VenueOrder): boolean {
    return TERMINAL.has(order.status.toUpperCase()) || order.sizeMatched + 1e-9 >= order.originalSize;
  }

  private async cancelRemainder(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<boolean> {
    try {
      const cancelled = await trading.cancelOrder(orderId);
      this.logger.info({ intent_id: intent.id, order_id: orderId, cancelled }, 'Intent expired: cancelled the unfilled remainder');
      return cancelled;
    } catch (error) {
      this.logger.error({ intent_id: intent.id, order_id: orderId, err: error }, 'Cancelling the unfilled remainder at expiry failed');
      return false;
    }
  }
}
