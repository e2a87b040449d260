import type { Intent, OrderRequest, OrderType } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import type { VenueOrder, VenueTrade } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotSettled } from './execution-venue';

/** Order states after which nothing more can fill. */
const TERMINAL = new Set(['MATCHED', 'CANCELED', 'CANCELLED', 'EXPIRED', 'UNMATCHED', 'FILLED']);

/** Order types the venue fills at once or kills: none of them ever rests in the book. */
const IMMEDIATE: ReadonlySet<OrderType> = new Set<OrderType>(['FOK', 'FAK']);

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

  async follow(trading: ClobTradingClient, orderId: string, order: Pick<OrderRequest, 'tokenId' | 'orderType'>, intent: Intent): Promise<FollowedOrder> {
    let cancelledAtExpiry = false;
    let seen: VenueOrder | null = null;
    for (;;) {
      const read = await this.read(trading, orderId, intent);
      seen = read ?? seen;
      if (seen && this.isDone(seen)) break;
      // Not shown: an order that cannot rest is over (its trades say what filled); one that can
      // may only be slow to show, or our read failed: either way it is followed on, never dropped.
      if (read === null && IMMEDIATE.has(order.orderType)) break;
      const untilExpiry = intent.expiresAt.getTime() - this.clock();
      if (untilExpiry <= 0) {
        cancelledAtExpiry = await this.cancelRemainder(trading, orderId, intent);
        seen = (await this.read(trading, orderId, intent)) ?? seen;
        if (!cancelledAtExpiry && !(seen && this.isDone(seen))) {
          throw new OrderNotSettled(`order ${orderId} may still rest at the venue: its remainder could not be cancelled at the intent's expiry and its status is ${seen ? seen.status : 'unknown'}`);
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
    const trades = (await trading.getTrades({ tokenId: order.tokenId, after })).filter((t) => t.takerOrderId === orderId || t.makerOrders.some((m) => m.orderId === orderId));
    return { order: seen, trades, cancelledAtExpiry };
  }

  /** The order as the venue shows it: null when it shows none, undefined when the read failed (logged). */
  private async read(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<VenueOrder | null | undefined> {
    try {
      return await trading.getOrder(orderId);
    } catch (error) {
      this.logger.warn({ intent_id: intent.id, order_id: orderId, err: error }, 'Order status read failed; will poll again');
      return undefined;
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
