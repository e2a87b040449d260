import type { Logger } from '@polybot/observability';
import type { SignedOrderRepository, StoredSignedOrder } from '@polybot/persistence';
import { ClobTradingError, type SignedClobOrder } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import { OrderNotPlaced, WithholdDeferred } from './execution-venue';
import { ORDER_VISIBLE_WITHIN_MS } from './live-order.follower';

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

/**
 * A post is aborted the client's request timeout after it starts, and it starts just after its
 * claim; twice that also covers a request the venue took in just before the abort and the step
 * from claim to send. Beyond that the venue may still be matching a request it took in, and its
 * reads may lag its matching: a withhold also waits ORDER_VISIBLE_WITHIN_MS, so that an order
 * posted under the claim has had time to show where the withholder looks.
 */
const POST_SETTLED_TIMEOUTS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Placement {
  /** An interrupted execution's stored order: it may be at the venue already. */
  readonly resumed: boolean;
  /** Why a resumed order not found at the venue must not be sent; null when it may be. */
  readonly withhold?: string | null;
  /** This execution stored the order already claimed to post (StoredForPosting.postClaimed). */
  readonly postClaimed?: boolean;
  /** The token this execution claims the order under (and stored it under, when `postClaimed`). */
  readonly claimToken: string;
}

/**
 * Places a stored signed order at most once, and never one withheld. The rule:
 *  1. A signed order already marked POSTED (or DONE) is never posted again; one marked WITHHELD
 *     is never posted at all (nothing placed).
 *  2. A stored order not known to be posted (a retried job, a restart) is first looked up at the
 *     venue by its hash: GET /data/order/{hash}, then the open orders and the trades of its token
 *     (as taker order id or among the maker orders). Found: it is the order, no post.
 *  3. Only when the venue shows no order and no trade with that hash is the SAME stored signed
 *     order posted (never re-signed, so it is the same venue order id), and for a resumed
 *     execution only when nothing withholds it: time has passed since it was signed (a kill
 *     switch may have tripped, the intent may have expired), so a withheld order is looked for
 *     as long as an ambiguous post is, then left unsent.
 *  4. Post and withhold exclude each other, decided on the stored row: every post is preceded by
 *     a claim (SIGNED or POSTING -> POSTING; a first attempt stores its order as POSTING), refused
 *     once the order is WITHHELD; a withhold (-> WITHHELD, for good) is refused while a claim is
 *     younger than the post timeout x2, plus the venue's read lag, plus the time spent looking at
 *     the venue. A refused withhold is deferred (WithholdDeferred), never failed: another
 *     delivery of the job is posting the order or has posted it. Should a post stalled past its
 *     claim's bound still land after a withhold, the order is cancelled at once and followed, so
 *     that what filled before the cancel is recorded (an error for a person to look at).
 *  5. A post that ends ambiguously (timeout, dropped connection, 5xx) is reconciled as in 2; if
 *     the venue still shows nothing, the identical order is claimed and posted once more (a
 *     duplicate of an accepted order can only be refused by its hash), then reconciled again;
 *     still nothing known leaves the execution unsettled: the job is retried and the resumed
 *     execution reconciles the same stored order again, logging each time for a person.
 *  6. A clear refusal (4xx or success=false) is the venue's answer, unless the venue does hold an
 *     order with this hash (a duplicate post): then that order is followed; a refused repost
 *     (rule 5) may refuse a duplicate of a first post the venue's reads do not show yet, and is
 *     left unsettled (OrderOutcomeUnknown) for the resumed execution. Otherwise the order is
 *     withheld for good, so that another delivery of the job cannot post it after the refusal,
 *     and not placed; but if another delivery has claimed it since (each claims under its own
 *     token), that one may be posting it, and the refusal is deferred (WithholdDeferred), never
 *     failed under it.
 */
export class LiveOrderPlacer {
  constructor(
    private readonly signedOrders: SignedOrderRepository,
    private readonly logger: Logger,
  ) {}

  /** The venue's order id once the venue holds the order. */
  async place(trading: ClobTradingClient, stored: StoredSignedOrder, { resumed, withhold = null, postClaimed = false, claimToken }: Placement): Promise<string> {
    const signed = stored.signedOrder as SignedClobOrder;
    if (stored.state === 'WITHHELD') {
      // The withholder may have died before its cancel: a post stalled past its claim could still land.
      if (!stored.neverSigned) await trading.cancelOrder(stored.orderHash).catch(() => false);
      throw this.withheldElsewhere(stored);
    }
    if (stored.state === 'POSTED' || stored.state === 'DONE') return stored.orderId ?? stored.orderHash;
    if (resumed && withhold !== null) return this.withhold(trading, stored, withhold);
    if (resumed && (await this.findAtVenue(trading, signed, 1))) return this.posted(trading, stored, stored.orderHash);

    const postedElsewhere = postClaimed ? null : await this.claimPost(stored, claimToken);
    if (postedElsewhere !== null) return postedElsewhere;
    const first = await this.post(trading, signed).catch(async (error: unknown) => {
      // A refusal may be the venue recognising this very order (posted by a concurrent delivery of the job).
      if (error instanceof OrderRejected && (await this.findAtVenue(trading, signed, 1))) return { kind: 'placed' as const, orderId: stored.orderHash };
      throw await this.refused(stored, claimToken, error);
    });
    if (first.kind === 'placed') return this.posted(trading, stored, first.orderId);
    if (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS)) return this.posted(trading, stored, stored.orderHash);

    this.logger.warn({ intent_id: stored.intentId, order_hash: stored.orderHash, reason: first.reason }, 'Order post outcome unknown and the venue shows no such order: posting the identical signed order once more');
    // Claimed again: the first claim may have aged past the withhold bound while the venue was read.
    const repostedElsewhere = await this.claimPost(stored, claimToken);
    if (repostedElsewhere !== null) return repostedElsewhere;
    const second = await this.post(trading, signed).catch(async (error: unknown) => {
      // A refusal of the repost may be the venue recognising the first one by its hash, which its
      // reads may not show yet: neither withheld nor failed, but left for the resumed execution to find.
      if (error instanceof OrderRejected && (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS))) return { kind: 'placed' as const, orderId: stored.orderHash };
      if (error instanceof OrderRejected) throw new OrderOutcomeUnknown(`order ${stored.orderHash}: its first post's outcome is unknown and the venue refused the identical repost (${error.message}), perhaps as a duplicate of the first that its reads do not show yet; left unsettled for the resumed execution to reconcile again`);
      throw error;
    });
    if (second.kind === 'placed') return this.posted(trading, stored, second.orderId);
    if (await this.findAtVenue(trading, signed, RECONCILE_ATTEMPTS)) return this.posted(trading, stored, stored.orderHash);
    throw new OrderOutcomeUnknown(`order ${stored.orderHash} outcome unknown after reconciliation (${second.reason}); left unsettled for the resumed execution to reconcile again`);
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

  /**
   * A resumed order that must not be sent: withheld for good once the venue shows nothing, unless
   * a claim to post is too young to rule out a post in flight (see rule 4).
   */
  private async withhold(trading: ClobTradingClient, stored: StoredSignedOrder, why: string): Promise<string> {
    const lookedFrom = performance.now();
    if (await this.findAtVenue(trading, stored.signedOrder as SignedClobOrder, RECONCILE_ATTEMPTS)) return this.posted(trading, stored, stored.orderHash);
    // The claim must predate the look by the post bound: a post landing while the venue was read could be missed.
    const minClaimAgeMs = POST_SETTLED_TIMEOUTS * trading.requestTimeoutMs + ORDER_VISIBLE_WITHIN_MS + (performance.now() - lookedFrom);
    if (!(await this.signedOrders.withhold(stored.intentId, minClaimAgeMs))) {
      if ((await this.signedOrders.findByIntent(stored.intentId))?.state === 'WITHHELD') throw this.withheldElsewhere(stored);
      throw new WithholdDeferred(`the stored signed order ${stored.orderHash} is being posted or was posted by another delivery of this job, so it is not withheld (${why}); left to be reconciled`);
    }
    // Only a post stalled between its claim and its send could still land: cancel by its hash, in case.
    await trading.cancelOrder(stored.orderHash).catch(() => false);
    throw new OrderWithheld(`the stored signed order ${stored.orderHash} never reached the venue and is not sent now: ${why}; nothing sent`);
  }

  /** Takes the claim to post (null); the venue's order id instead when another delivery has posted it meanwhile. */
  private async claimPost(stored: StoredSignedOrder, claimToken: string): Promise<string | null> {
    if (await this.signedOrders.claimPost(stored.intentId, claimToken)) return null;
    const current = await this.signedOrders.findByIntent(stored.intentId);
    if (current?.state === 'POSTED' || current?.state === 'DONE') return current.orderId ?? current.orderHash;
    throw this.withheldElsewhere(stored);
  }

  /**
   * The error a post ends with (rule 6). A refusal withholds the order under this delivery's claim;
   * when another delivery has claimed it since, that one may be posting it: deferred, not failed.
   */
  private async refused(stored: StoredSignedOrder, claimToken: string, error: unknown): Promise<unknown> {
    if (!(error instanceof OrderRejected) || (await this.signedOrders.withholdRefused(stored.intentId, claimToken))) return error;
    return new WithholdDeferred(`${error.message}; but another delivery of this job has claimed the stored signed order ${stored.orderHash} to post it since, so the intent is not failed under it; left to be reconciled`);
  }

  private withheldElsewhere(stored: StoredSignedOrder): OrderWithheld {
    return new OrderWithheld(`the order of intent ${stored.intentId} was withheld by another execution of this intent; nothing sent`);
  }

  /**
   * Records that the venue holds the order. One withheld meanwhile (a post stalled past its
   * claim's bound, or a venue that matched a request long after it was sent) is cancelled at once
   * and still followed, so that whatever filled before the cancel reaches the ledger.
   */
  private async posted(trading: ClobTradingClient, stored: StoredSignedOrder, orderId: string): Promise<string> {
    if (await this.signedOrders.markPosted(stored.intentId, orderId)) return orderId;
    const cancelled = await trading.cancelOrder(stored.orderHash).catch(() => false);
    this.logger.error(
      { intent_id: stored.intentId, order_hash: stored.orderHash, cancelled },
      'The venue holds an order that was withheld meanwhile: cancelled by its hash and followed, so that what filled is recorded; its intent needs a person to look at it',
    );
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
