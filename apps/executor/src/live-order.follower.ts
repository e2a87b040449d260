import { mayRest, type Intent, type OrderRequest } from '@polybot/domain';
import { RepeatedWarnings, type Logger } from '@polybot/observability';
import type { VenueOrder, VenueTrade } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotSettled } from './execution-venue';
import { matchedShares } from './live-fills.mapper';

/** Order states after which nothing more can fill. */
const TERMINAL = new Set(['MATCHED', 'CANCELED', 'CANCELLED', 'EXPIRED', 'UNMATCHED', 'FILLED']);

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
 * How long after its post an order can still be missing from the venue's reads (an order that may
 * rest from its order reads, any order's fills from its trade reads): they can lag its matching
 * engine. Measured from the start of the following: for a fresh order that is just after its post,
 * for a resumed one later (a longer wait, the safe side).
 */
export const ORDER_VISIBLE_WITHIN_MS = 5_000;

/** The shortest wait between looks while an order or its trades may still be on their way to the venue's reads. */
const VISIBILITY_POLL_MS = 250;

/** A read or cancel that keeps failing while an order is followed is logged at most this often. */
export const REPEATED_WARNING_EVERY_MS = 10_000;

/**
 * Follows a placed order until nothing more can fill: fully matched, killed (FOK/FAK), cancelled
 * or expired at the venue. A remainder still resting when the intent expires is cancelled then
 * (GTC; a GTD order is cancelled too, in case the venue's expiry lags). Then the order's trades,
 * once they show what the venue showed matched and, after our cancel, once the venue's reads
 * have had time to catch up with it.
 * A failed status read never ends the following, nor does an order that may rest and has not
 * shown yet (the venue's reads can lag its matching): an order given up on while it rests would
 * fill unrecorded. One that may rest is cancelled before it is taken for closed, in case it still
 * rests unseen. One that may still rest after the expiry is not settled (OrderNotSettled).
 */
export class LiveOrderFollower {
  private readonly warnings: RepeatedWarnings;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: FollowOptions,
  ) {
    this.warnings = new RepeatedWarnings(logger, clock, REPEATED_WARNING_EVERY_MS);
  }

  async follow(trading: ClobTradingClient, orderId: string, order: FollowedOrderTerms, intent: Intent): Promise<FollowedOrder> {
    try {
      return await this.followUntilClosed(trading, orderId, order, intent);
    } finally {
      this.warnings.forget(orderId);
    }
  }

  private async followUntilClosed(trading: ClobTradingClient, orderId: string, order: FollowedOrderTerms, intent: Intent): Promise<FollowedOrder> {
    const startedAt = this.clock();
    let cancelledAtExpiry = false;
    let seen: VenueOrder | null = null;
    // When the venue answered our cancel (nothing matches after that answer); null when we did not cancel.
    let cancelAnsweredAt: number | null = null;
    for (;;) {
      const now = await this.status(trading, orderId, intent);
      seen = now.order ?? seen;
      if (now.kind === 'done') break;
      if (now.kind === 'absent') {
        const closed = await this.closedIfAbsent(trading, orderId, order, intent, seen, startedAt);
        if (closed?.kind === 'trades') return { order: seen, trades: closed.trades, cancelledAtExpiry };
        if (closed?.kind === 'cancelled') {
          cancelAnsweredAt = closed.at;
          break;
        }
      }
      const untilExpiry = intent.expiresAt.getTime() - this.clock();
      if (untilExpiry <= 0) {
        const cancel = await this.cancelRemainder(trading, orderId, intent);
        if (cancel !== null) cancelAnsweredAt = this.clock();
        cancelledAtExpiry = cancel === true;
        const last = await this.status(trading, orderId, intent);
        seen = last.order ?? seen;
        // Not shown, and nothing left to cancel: closed. Not shown, and the cancel failed: one that may rest may rest unseen.
        const mayRestUnseen = last.kind === 'absent' && cancel === null && mayRest(order.orderType);
        if (!cancelledAtExpiry && last.kind !== 'done' && (last.kind !== 'absent' || mayRestUnseen)) {
          const status = last.kind === 'open' ? last.order.status : last.kind === 'absent' ? 'not shown by the venue' : 'unknown';
          throw new OrderNotSettled(`order ${orderId} may still rest at the venue: its remainder could not be cancelled at the intent's expiry and its status is ${status}`);
        }
        break;
      }
      // An order not shown yet is looked for again soon, not at the next poll.
      const wait = now.kind === 'absent' ? Math.min(VISIBILITY_POLL_MS, untilExpiry) : Math.min(this.options.pollIntervalMs, untilExpiry);
      await (this.options.wake ? this.options.wake(orderId, wait) : sleep(wait));
    }
    return { order: seen, trades: await this.tradesCovering(trading, orderId, order.tokenId, intent, seen?.sizeMatched ?? 0, cancelAnsweredAt), cancelledAtExpiry };
  }

  /**
   * The trades of an order that has closed, once they show at least the shares the venue last
   * showed matched (trade reads lag too). After our cancel they are read only once the venue's
   * reads have had ORDER_VISIBLE_WITHIN_MS to catch up with it: a fill matched just before the
   * cancel may show neither in the trades yet nor in the order, which the venue no longer shows
   * once closed. Still short ORDER_VISIBLE_WITHIN_MS after the first read: not settled.
   */
  private async tradesCovering(trading: ClobTradingClient, orderId: string, tokenId: string, intent: Intent, matched: number, cancelAnsweredAt: number | null): Promise<VenueTrade[]> {
    const readFrom = cancelAnsweredAt === null ? this.clock() : cancelAnsweredAt + ORDER_VISIBLE_WITHIN_MS;
    const wait = readFrom - this.clock();
    if (wait > 0) await sleep(wait);
    const giveUpAt = this.clock() + ORDER_VISIBLE_WITHIN_MS;
    for (;;) {
      // A failed read is looked at again like a short one; the last failure is what is reported.
      const { trades, failure } = await this.tradesRead(trading, orderId, tokenId, intent);
      if (trades !== null && matchedShares(trades, orderId) + 1e-6 >= matched) return trades;
      if (this.clock() >= giveUpAt) {
        if (trades === null) throw failure;
        throw new OrderNotSettled(`order ${orderId} has closed but its trades show ${matchedShares(trades, orderId)} shares matched where the venue showed ${matched}; the rest may still be on its way to the venue's trade reads`);
      }
      await sleep(VISIBILITY_POLL_MS);
    }
  }

  /**
   * Whether an order the venue shows nowhere has closed (filled, killed, cancelled); null while it
   * may still rest unseen or match unrecorded: look again soon. One that never rests (FOK, FAK)
   * has closed; its trades are read again until they show a fill or it has had time to reach
   * them. One that may rest has closed when its trades fill it; otherwise, once it was seen open
   * or has had time to show, it is cancelled (nothing to cancel if it has closed): it may still
   * rest where the venue's reads do not show it. Its trades are then read as tradesCovering says.
   * A failed read or cancel here is logged and looked at again, never taken for an answer.
   */
  private async closedIfAbsent(
    trading: ClobTradingClient,
    orderId: string,
    order: FollowedOrderTerms,
    intent: Intent,
    seen: VenueOrder | null,
    startedAt: number,
  ): Promise<{ readonly kind: 'trades'; readonly trades: VenueTrade[] } | { readonly kind: 'cancelled'; readonly at: number } | null> {
    const hadTime = this.clock() - startedAt >= ORDER_VISIBLE_WITHIN_MS;
    const { trades } = await this.tradesRead(trading, orderId, order.tokenId, intent);
    if (!mayRest(order.orderType)) return trades !== null && (matchedShares(trades, orderId) > 0 || hadTime) ? { kind: 'trades', trades } : null;
    if (trades !== null && matchedShares(trades, orderId) + 1e-6 >= order.size) return { kind: 'trades', trades };
    if (seen === null && !hadTime) return null;
    try {
      if (await trading.cancelOrder(orderId)) {
        this.logger.info({ intent_id: intent.id, order_id: orderId }, 'Cancelled the order before taking it for closed: it was still resting though the venue did not show it');
      }
    } catch (error) {
      this.warnings.warn(orderId, { intent_id: intent.id, order_id: orderId, err: error }, 'Cancelling an order the venue does not show failed; will look again');
      return null;
    }
    return { kind: 'cancelled', at: this.clock() };
  }

  /** One read of the order's trades; a failure is logged (throttled) and returned, for a caller that will look again. */
  private async tradesRead(trading: ClobTradingClient, orderId: string, tokenId: string, intent: Intent): Promise<{ trades: VenueTrade[]; failure: null } | { trades: null; failure: unknown }> {
    try {
      return { trades: await this.tradesOf(trading, orderId, tokenId, intent), failure: null };
    } catch (error) {
      this.warnings.warn(orderId, { intent_id: intent.id, order_id: orderId, err: error }, 'Trades read failed; will look again');
      return { trades: null, failure: error };
    }
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
   * absent means closed, `closedIfAbsent` decides); a failed read is unknown (logged) and the order is
   * followed on, never dropped.
   */
  private async status(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<OrderStatus> {
    try {
      const order = (await trading.getOrder(orderId)) ?? (await trading.getOpenOrders({ id: orderId })).find((o) => o.id === orderId) ?? null;
      if (order === null) return { kind: 'absent', order: null };
      return this.isDone(order) ? { kind: 'done', order } : { kind: 'open', order };
    } catch (error) {
      this.warnings.warn(orderId, { intent_id: intent.id, order_id: orderId, err: error }, 'Order status read failed; will poll again');
      return { kind: 'unknown', order: null };
    }
  }

  private isDone(order: VenueOrder): boolean {
    return TERMINAL.has(order.status.toUpperCase()) || order.sizeMatched + 1e-9 >= order.originalSize;
  }

  /** Whether the cancel at expiry cancelled something; null when it failed. */
  private async cancelRemainder(trading: ClobTradingClient, orderId: string, intent: Intent): Promise<boolean | null> {
    try {
      const cancelled = await trading.cancelOrder(orderId);
      this.logger.info({ intent_id: intent.id, order_id: orderId, cancelled }, 'Intent expired: cancelled the unfilled remainder');
      return cancelled;
    } catch (error) {
      this.logger.error({ intent_id: intent.id, order_id: orderId, err: error }, 'Cancelling the unfilled remainder at expiry failed');
      return null;
    }
  }
}
