import type { Intent } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import type { VenueOrder, VenueTrade } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';

/** Order states after which nothing more can fill. */
const TERMINAL = new Set(['MATCHED', 'CANCELED', 'CANCELLED', 'EXPIRED', 'UNMATCHED', 'FILLED']);

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
 */
export class LiveOrderFollower {
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FollowOptions,
  ) {}

  async follow(trading: ClobTradingClient, orderId: string, tokenId: string, intent: Intent): Promise<FollowedOrder> {
    let cancelledAtExpiry = false;
    let order: VenueOrder | null = null;
    for (;;) {
      order = await trading.getOrder(orderId).catch((error: unknown) => {
        this.logger.warn({ intent_id: intent.id, order_id: orderId, err: error }, 'Order status read failed; will poll again');
        return order;
      });
      if (order === null || this.isDone(order)) break;
      const untilExpiry = intent.expiresAt.getTime() - this.clock();
      if (untilExpiry <= 0) {
        cancelledAtExpiry = await this.cancelRemainder(trading, orderId, intent);
        order = await trading.getOrder(orderId).catch(() => order);
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
    return { order, trades, cancelledAtExpiry };
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
