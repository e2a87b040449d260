import type { Logger } from '@polybot/observability';
import type { SignedOrderRepository, StoredSignedOrder } from '@polybot/persistence';
import { ClobTradingError, type SignedClobOrder } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import { OrderNotPlaced } from './execution-venue';

/** The venue refused the order (bad signature, funds, price...): its own message, nothing placed. */
export class OrderRejected extends OrderNotPlaced {
  override readonly name = 'OrderRejected';
}

/** Reconciliation could not establish whether the venue holds the order: stop, never guess. */
export class OrderOutcomeUnknown extends Error {
  override readonly name = 'OrderOutcomeUnknown';
}

/** A resumed execution's stored order never reached the venue and may not be sent now: nothing placed. */
export class OrderWithheld extends OrderNotPlaced {
  override readonly name = 'OrderWithheld';
}

/** Reconciliation reads the venue a few times: an accepted order can take a moment to show. */
const RECONCILE_ATTEMPTS = 3;
const RECONCILE_PAUSE_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Places a stored signed order at most once. The rule:
 *  1. A signed order already marked POSTED (or DONE) is never posted again.
 *  2. A stored order not known to be posted (a retried job, a restart) is first looked up at the
 *     venue by its hash: GET /data/order/{hash}, then the open orders and the trades of its token
 *     (as taker order id or among the maker orders). Found: it is the order, no post.
 *  3. Only when the venue shows no order and no trade with that hash is the SAME stored signed
 *     order posted (never re-signed, so it is the same venue order id), and for a resumed
 *     execution only when nothing withholds it: time has passed since it was signed (a kill
 *     switch may have tripped, the intent may have expired), so a withheld order is looked for
 *     as long as an ambiguous post is, then left unsent.
 *  4. A post that ends ambiguously (timeout, dropped connection, 5xx) is reconciled as in 2; if
 *     the venue still shows nothing, the identical order is posted once more (a duplicate of an
 *     accepted order can only be refused by its hash), then reconciled again; still nothing known
 *     ends the execution as unknown, for a person to look at.
 *  5. A clear refusal (4xx or success=false) is the venue's answer, unless the venue does hold an
 *     order with this hash (a duplicate post): then that order is followed. Otherwise not placed.
 */
export class LiveOrderPlacer {
  constructor(
    private readonly signedOrders: SignedOrderRepository,
    private readonly logger: Logger,
  ) {}

  /** The venue's order id once the venue holds the order; `withhold` says why a resumed one not found there must not be sent. */
  async place(trading: ClobTradingClient, stored: StoredSignedOrder, resumed: boolean, withhold: string | null = null): Promise<string> {
    const signed = stored.signedOrder as SignedClobOrder;
    if (stored.state !== 'SIGNED') return stored.orderId ?? stored.orderHash;
    if (resumed && (await this.findAtVenue(trading, signed, withhold === null ? 1 : RECONCILE_ATTEMPTS))) return this.posted(stored, stored.orderHash);
    if (resumed && withhold !== null) {
      // A post in flight at the crash could still land after it was looked for: cancel by its hash, in case.
      await trading.cancelOrder(stored.orderHash).catch(() => false);
      throw new OrderWithheld(`the stored signed order ${stored.orderHash} never reached the venue and is not sent now: ${withhold}; nothing sent`);
    }

    const first = await this.post(trading, signed).catch(async (error: unknown) => {
      // A refusal may be the venue recognising this very order (posted by a concurrent delivery of the job).
      if (error instanceof OrderRejected && (await this.findAtVenue(trading, signed, 1))) return { kind: 'placed' as const, orderId: stored.orderHash };
      throw error;
    });
    if (first.kind === 'placed') return this.posted(stored, first.orderId);
    if (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS)) return this.posted(stored, stored.orderHash);

    this.logger.warn({ intent_id: stored.intentId, order_hash: stored.orderHash, reason: first.reason }, 'Order post outcome unknown and the venue shows no such order: posting the identical signed order once more');
    const second = await this.post(trading, signed).catch(async (error: unknown) => {
      // A refusal of the repost may be the venue recognising the first one by its hash.
      if (error instanceof OrderRejected && (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS))) return { kind: 'placed' as const, orderId: stored.orderHash };
      throw error;
    });
    if (second.kind === 'placed') return this.posted(stored, second.orderId);
    if (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS)) return this.posted(stored, stored.orderHash);
    throw new OrderOutcomeUnknown(`order ${stored.orderHash} outcome unknown after reconciliation (${second.reason}); not retried further`);
  }

  /** True when the venue holds an order or a trade with this order's hash. */
  async findAtVenue(trading: ClobTradingClient, signed: SignedClobOrder, attempts: number): Promise<boolean> {
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        if (await trading.getOrder(signed.orderHash)) return true;
        const open = await trading.getOpenOrders({ tokenId: signed.tokenId });
        if (open.some((o) => o.id === signed.orderHash)) return true;
        const trades = await trading.getTrades({ tokenId: signed.tokenId });
        if (trades.some((t) => t.takerOrderId === signed.orderHash || t.makerOrders.some((m) => m.orderId === signed.orderHash))) return true;
      } catch (error) {
        // Not knowing is not "absent": an unreadable venue must never lead to a second post.
        if (attempt === attempts) throw new OrderOutcomeUnknown(`cannot reconcile order ${signed.orderHash}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (attempt < attempts) await sleep(RECONCILE_PAUSE_MS);
    }
    return false;
  }

  private async posted(stored: StoredSignedOrder, orderId: string): Promise<string> {
    await this.signedOrders.markPosted(stored.intentId, orderId);
    return orderId;
  }

  private async post(trading: ClobTradingClient, signed: SignedClobOrder): Promise<{ kind: 'placed'; orderId: string } | { kind: 'unknown'; reason: string }> {
    try {
      const answer = await trading.postSignedOrder(signed);
      if (answer.success) return { kind: 'placed', orderId: answer.orderId ?? signed.orderHash };
      throw new OrderRejected(`venue refused the order: ${answer.errorMsg || answer.status || 'no reason given'}`);
    } catch (error) {
      if (error instanceof OrderRejected) throw error;
      if (error instanceof ClobTradingError && !error.ambiguous) throw new OrderRejected(`venue refused the order: ${error.message}`);
      return { kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
