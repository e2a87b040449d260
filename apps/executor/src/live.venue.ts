import { randomUUID } from 'node:crypto';
import type { Fill, Intent, MarketSnapshot, OrderRequest, Position } from '@polybot/domain';
import type { Logger } from '@polybot/observability';
import { InFlightOutcome, type ExecutionRepository, type FillRepository, type SignedOrderRepository, type StoredSignedOrder } from '@polybot/persistence';
import type { ClobBookClient } from '@polybot/polymarket';
import type { ClobTradingClient } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotPlaced, OrderNotSettled, type ExecutionVenue, type SubmitContext, type VenueResult } from './execution-venue';
import type { LiveClaim } from './live-claim';
import { liveFillsOf, summarizeFills } from './live-fills.mapper';
import type { LiveOrderFollower } from './live-order.follower';
import type { LiveOrderPlacer } from './live-order.placer';
import { checkFunds, checkNotExpired, checkSlippage, expiryRefusal } from './live-preflight.check';
import { LivePreflightReads } from './live-preflight.reads';

export interface LiveVenueDeps {
  /** Connects once (deriving API credentials if needed) and is reused. */
  readonly trading: () => Promise<ClobTradingClient>;
  readonly books: ClobBookClient;
  readonly signedOrders: SignedOrderRepository;
  readonly executions: ExecutionRepository;
  readonly fills: FillRepository;
  readonly placer: LiveOrderPlacer;
  readonly follower: LiveOrderFollower;
  readonly claims: LiveClaim;
  readonly maxSlippage: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Releases the user websocket and the RPC provider. */
  readonly close?: () => void;
}

/**
 * Real orders on the Polymarket CLOB. Not idempotent (a second post would be a second order), so
 * every order is signed and stored before it is posted, and anything uncertain afterwards is
 * settled by reconciliation against the venue (see LiveOrderPlacer), never by posting again blind.
 */
export class LiveVenue implements ExecutionVenue {
  readonly mode = 'LIVE' as const;
  readonly idempotent = false;

  constructor(private readonly deps: LiveVenueDeps) {}

  /**
   * Nest calls this once the executor is up: the venue connects (deriving API credentials if
   * needed) in the background, so the first approved order does not wait for it, and a key the
   * venue refuses shows in the log at start rather than at the first approval. A failure is only
   * logged: the first order tries again (and fails its intent, naming why, if it still cannot).
   */
  onApplicationBootstrap(): void {
    this.deps.trading().then(
      (trading) => this.deps.logger.info({ signer: trading.signerAddress, maker: trading.makerAddress }, 'Live venue connected'),
      (error: unknown) => this.deps.logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'Live venue could not connect at start; the first approved order will try again'),
    );
  }

  /** Nest calls this on the venue provider at shutdown. */
  onModuleDestroy(): void {
    this.deps.close?.();
  }

  /** A live execution may always resume: a stored signed order is reconciled, and without one nothing was sent. */
  async inFlight(intentId: string): Promise<boolean> {
    if (await this.deps.signedOrders.findByIntent(intentId)) return true;
    const outcome = await this.deps.executions.findByIntent(intentId);
    return outcome?.status === InFlightOutcome.ClaimSent;
  }

  /** See ExecutionVenue.withholdUnsent: the intent's row in signed_orders is the fence. */
  withholdUnsent(intentId: string): Promise<boolean> {
    return this.deps.signedOrders.withholdUnsent(intentId);
  }

  /** Starts the pre-flight reads of the intent's order; submit uses them (see LivePreflightReads). */
  prepare(intent: Intent): LivePreflightReads {
    return LivePreflightReads.start(this.deps, intent);
  }

  async submit(order: OrderRequest, context: SubmitContext): Promise<VenueResult> {
    const { intent, market, firstAttempt, prepared, checksStored, timer } = context;
    const early = prepared instanceof LivePreflightReads && prepared.serves(order) ? prepared : null;
    const trading = await (early ? early.trading() : this.deps.trading());
    // A first attempt has passed the APPROVED -> EXECUTING gate just now, so nothing is stored yet.
    let stored: StoredSignedOrder | null = firstAttempt ? null : await this.deps.signedOrders.findByIntent(intent.id);
    const resumed = stored !== null;
    // This delivery's claims to post are made under its own token (see LiveOrderPlacer, rule 6).
    const claimToken = randomUUID();
    let postClaimed = false;
    if (!stored) {
      await this.preflight(trading, order, intent, early ?? LivePreflightReads.start(this.deps, order));
      timer?.mark('preflight');
      const signed = await trading.signOrder(order, { expiresAt: intent.expiresAt });
      timer?.mark('sign');
      // The re-check's results were written while the venue was read and the order signed; they are stored first.
      await checksStored;
      // Stored (with its SIGNED outcome), claimed to post, before it is posted: a crash after this reconciles, never re-signs.
      const fresh = await this.deps.signedOrders.storeOnceWithOutcome(intent.id, { orderHash: signed.orderHash, salt: signed.salt, signature: signed.signature, signedOrder: signed }, order, claimToken);
      stored = fresh;
      postClaimed = fresh.postClaimed;
      timer?.mark('store');
    } else {
      await checksStored;
      this.deps.logger.warn({ intent_id: intent.id, order_hash: stored.orderHash, state: stored.state }, 'Resuming a live execution: reconciling the stored signed order with the venue');
    }
    if (stored.fillsRecorded) return this.summary(stored, intent, 'FILLED');

    // Expiry is checked here, not only in the pre-flight a fresh order gets: a resumed one skipped it.
    const withhold = resumed ? (context.withhold ?? expiryRefusal(intent, new Date(this.deps.clock()))) : null;
    const orderId = await settling(stored.orderHash, () => this.deps.placer.place(trading, stored, { resumed, withhold, postClaimed, claimToken }));
    timer?.mark('post');
    return settling(orderId, () => this.follow(trading, orderId, order, intent, market));
  }

  claim(intent: Intent, position: Position | null): Promise<VenueResult> {
    return this.deps.claims.claim(intent, position);
  }

  /** Follows the placed order to its end and records its fills once. */
  private async follow(trading: ClobTradingClient, orderId: string, order: OrderRequest, intent: Intent, market: MarketSnapshot): Promise<VenueResult> {
    await this.deps.executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: InFlightOutcome.Posted, orderRequest: order, orderId });
    const followed = await this.deps.follower.follow(trading, orderId, order, intent);
    const read = liveFillsOf(followed.trades, orderId, order, intent, market, new Date(this.deps.clock()));
    // Another delivery of the job may have recorded the order's fills first, from its own read: the outcome agrees with the ledger.
    const fills = (await this.deps.signedOrders.recordFillsOnce(intent.id, read, this.deps.fills)) ? read : await this.recordedTrades(intent.id);
    const { filledSize, avgPrice, fees } = summarizeFills(fills);
    const status = filledSize <= 0 ? 'UNFILLED' : filledSize + 1e-6 >= order.size ? 'FILLED' : 'PARTIALLY_FILLED';
    this.deps.logger.info(
      { intent_id: intent.id, order_id: orderId, venue_status: followed.order?.status ?? null, filled_size: filledSize, avg_price: avgPrice, fees, cancelled_at_expiry: followed.cancelledAtExpiry },
      'Live order finished',
    );
    return { status, orderId, filledSize, avgPrice, fees };
  }

  /** Before anything is signed or sent: not expired, price within slippage of the book, funds and allowance enough. */
  private async preflight(trading: ClobTradingClient, order: OrderRequest, intent: Intent, reads: LivePreflightReads): Promise<void> {
    checkNotExpired(intent, new Date(this.deps.clock()));
    const { book, issues } = await reads.book();
    if (!book && issues.length) throw new Error(`pre-flight: cannot read the book for token ${order.tokenId}: ${issues.join('; ')}; nothing sent`);
    checkSlippage(order, book, this.deps.maxSlippage);
    checkFunds(order, await reads.balance(), trading.exchangeAddress(order.negRisk));
  }

  private async summary(stored: StoredSignedOrder, intent: Intent, status: string): Promise<VenueResult> {
    const totals = summarizeFills(await this.recordedTrades(intent.id));
    return { status: totals.filledSize > 0 ? status : 'UNFILLED', orderId: stored.orderId ?? stored.orderHash, ...totals };
  }

  private async recordedTrades(intentId: string): Promise<Fill[]> {
    return (await this.deps.fills.forIntent(intentId)).filter((f) => f.kind === 'TRADE');
  }
}

/**
 * Runs a step after which the order may be at the venue: any failure but the venue's refusal or
 * a withheld order (nothing placed either way) leaves the execution to be resumed, not failed.
 */
async function settling<T>(order: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof OrderNotPlaced || error instanceof OrderNotSettled) throw error;
    throw new OrderNotSettled(`order ${order} may be at the venue but its outcome is not settled: ${error instanceof Error ? error.message : String(error)}`);
  }
}
