import type { Intent, OrderRequest } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import type { VenueOrder, VenueTrade } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotSettled } from './execution-venue';
import { matchedShares } from './live-fills.mapper';

/** Order states after which nothing more can fill. */
const TERMINAL = new Set(['MATCHED', 'CANCELED', 'CANCELLED', 'EXPIRED', 'UNMATCHED', 'FILLED']);

/** Order types that never rest on the book: matched at once or killed. */
const NEVER_RESTS = new Set(['FOK', 'FAK']);

/**
 * What one look at the venue says of the order; `absent`: shown neither by itself nor among the
 * open orders, which the venue answers for a closed order, and for one its reads have not caught up with.
 */
type OrderStatus =
  | { readonly kind: 'open'; readonly order: VenueOrder }
  | { readonly kind: 'done'; readonly order: VenueOrder }
  | { readonly kind: 'absent' | 'unknown'; readonly order: null };

/** What the follower needs of the order it follows. */
export type FollowedOrderTerms = Pick<OrderRequest, 'tokenId' | 'size' | 'orderType'>;

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
 * How long after its post an order that may rest can still be missing from the venue's reads:
 * they can lag its matching engine, and a resting order taken for closed would fill unrecorded.
 */
export const ORDER_VISIBLE_WITHIN_MS = 5_000;

/** The shortest wait between looks while an order may still be on its way to the venue's reads. */
const VISIBILITY_POLL_MS = 250;

/**
 * Follows a placed order until nothing more can fill: fully matched, killed (FOK/FAK), cancelled
 * or expired at the venue. A remainder still resting when the intent expires is cancelled then
 * (GTC; a GTD order is cancelled too, in case the venue's expiry lags). Then the order's trades.
 * A failed status read never ends the following, nor does an order that may rest and has not
 * shown yet (the venue's reads can lag its matching): an order given up on while it rests would
 * fill unrecorded. One that may still rest after the expiry is not settled (OrderNotSettled).
 */
export class LiveOrderFollower {
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FollowOptions,
  ) {}

  async follow(trading: ClobTradingClient, orderId: string, order: FollowedOrderTerms, intent: Intent): Promise<FollowedOrder> {
    const postedAt = this.clock();
    let cancelledAtExpiry = false;
    let seen: VenueOrder | null = null;
    for (;;) {
      const now = await this.status(trading, orderId, intent);
      seen = now.order ?? seen;
      if (now.kind === 'done') break;
      if (now.kind === 'absent' && (await this.closed(trading, orderId, order, intent, seen !== null, postedAt))) break;
      const untilExpiry = intent.expiresAt.getTime() - this.clock();
      if (untilExpiry <= 0) {
        cancelledAtExpiry = await this.cancelRemainder(trading, orderId, intent);
        const last = await this.status(trading, orderId, intent);
        seen = last.order ?? seen;
        // Not shown, and nothing left to cancel: closed.
        if (!cancelledAtExpiry && last.kind !== 'done' && last.kind !== 'absent') {
          throw new OrderNotSettled(`order ${orderId} may still rest at the venue: its remainder could not be cancelled at the intent's expiry and its status is ${last.kind === 'open' ? last.order.status : 'unknown'}`);
        }
        break;
      }
      // An order not shown yet is looked for again soon, not at the next poll.
      const wait = now.kind === 'absent' ? Math.min(VISIBILITY_POLL_MS, untilExpiry) : Math.min(this.options.pollIntervalMs, untilExpiry);
      await (this.options.wake ? this.options.wake(orderId, wait) : sleep(wait));
    }
    return { order: seen, trades: await this.tradesOf(trading, orderId, order.tokenId, intent), cancelledAtExpiry };
  }

  /**
   * Whether an order the venue shows nowhere has closed (filled, killed, cancelled): yes once it
   * was seen open, when it can never rest (FOK, FAK), when its trades fill it, or once it has had
   * time to reach the venue's reads. Until then it may be resting unseen.
   */
  private async closed(trading: ClobTradingClient, orderId: string, order: FollowedOrderTerms, intent: Intent, seenOpen: boolean, postedAt: number): Promise<boolean> {
    if (seenOpen || NEVER_RESTS.has(order.orderType) || this.clock() - postedAt >= ORDER_VISIBLE_WITHIN_MS) return true;
    const trades = await this.tradesOf(trading, orderId, order.tokenId, intent).catch(() => null);
    return trades !== null && matchedShares(trades, orderId) + 1e-6 >= order.size;
  }

  /**
   * The order's trades since the intent was proposed, less a margin for clock skew (the venue
   * refuses requests signed far off its clock anyway): every earlier trade in the token was read
   * and parsed again on each execution, more with every order the account ever placed in it.
   */
  private async tradesOf(trading: ClobTradingClient, orderId: string, tokenId: string, intent: Intent): Promise<VenueTrade[]> {
    const after = new Date(intent.createdAt.getTime() - TRADES_CLOCK_MARGIN_MS);
    return (await trading.getTrades({ tokenId, after })).filter((t) => t.takerOrderId === orderId || t.makerOrders.some((m) => m.orderId === orderId));
  }

  /**
   * Where the order stands. The venue answers a closed order (filled, killed, cancelled) with no
   * order at all, so one it does not show is absent unless its open orders still list it (whether
   * absent means closed, `closed` decides); a failed read is unknown (logged) and the order is
   * followed on, never dropped.
   */
  private async status(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<OrderStatus> {
    try {
      const order = (await trading.getOrder(orderId)) ?? (await trading.getOpenOrders({ id: orderId })).find((o) => o.id === orderId) ?? null;
      if (order === null) return { kind: 'absent', order: null };
      return this.isDone(order) ? { kind: 'done', order } : { kind: 'open', order };
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
