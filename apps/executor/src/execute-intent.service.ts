import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { buildOrderRequest, withOwnOrderUncounted, type Intent, type OrderRequest } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { ExecutionRepository, IN_FLIGHT_OUTCOMES, IntentRepository, MarketRepository } from '@polybot/persistence';
import { IntentGate, PortfolioService, type GateState, type GateVerdict } from '@polybot/portfolio';
import { BroadcastEvent, BroadcastPublisher, type ApprovedIntentJob } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, type Clock } from '@polybot/runtime';
import { EXECUTION_VENUE, OrderNotPlaced, OrderNotSettled, WithholdDeferred, type ExecutionVenue, type VenueResult } from './execution-venue';
import { OrderPathTimer } from './order-path.timer';

const ACTOR = 'executor';

export type ExecutionResult = 'EXECUTED' | 'FAILED' | 'SKIPPED';

class ExecutionRefused extends Error {
  /** `placedNothing`: the venue refused it or it was withheld (OrderNotPlaced), so even a stored order is not at the venue. */
  constructor(message: string, readonly order: OrderRequest | null = null, readonly placedNothing = false) {
    super(message);
  }
}

/** A passed or failed re-check, and the write of its results (awaited before anything is stored or sent). */
interface Gated {
  readonly verdict: GateVerdict;
  readonly checksStored: Promise<void>;
}

/** Marks a promise handled: it is awaited on every path that needs it, and a path that does not must not crash the process. */
function quiet<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

interface Attempt {
  readonly intent: Intent;
  readonly sentBefore: boolean;
  readonly firstAttempt: boolean;
  readonly prepared: unknown;
  readonly gated: Gated | null;
  /** Why a stored order not at the venue must not be sent (see SubmitContext). */
  readonly withhold: string | null;
  readonly timer: OrderPathTimer;
}

/**
 * Executes one approved intent. The APPROVED -> EXECUTING update is the gate: only an intent a
 * person approved can pass it, and only once, whatever the queue delivers. Then the risk rules
 * run again (minutes may have passed), and only then does the venue see anything. The re-check's
 * reads (portfolio, kill switches) start with the gate's update rather than after it: they need
 * no intent, and the decision still waits for both (SECURITY.md, "Re-check timing").
 */
@Injectable()
export class ExecuteIntentService {
  constructor(
    private readonly intents: IntentRepository,
    private readonly executions: ExecutionRepository,
    private readonly markets: MarketRepository,
    private readonly portfolio: PortfolioService,
    private readonly gate: IntentGate,
    private readonly broadcast: BroadcastPublisher,
    @Inject(EXECUTION_VENUE) private readonly venue: ExecutionVenue,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(job: ApprovedIntentJob): Promise<ExecutionResult> {
    const log = this.logger.child({ intent_id: job.intentId });
    const timer = new OrderPathTimer(this.metrics.orderPath, this.venue.mode);
    const state = quiet(this.gate.readState(this.now()));
    const started = await this.intents.transition(job.intentId, 'StartExecution', { now: this.now(), actor: ACTOR });
    timer.mark('gate');
    let intent: Intent;
    let sentBefore = false;
    if (started.ok) {
      intent = started.intent;
    } else if (started.error === 'WRONG_STATUS' && started.current === 'EXECUTING' && (this.venue.idempotent || this.venue.inFlight)) {
      // A crash after the gate: an idempotent venue records each intent's effect once; a live venue
      // reconciles what it may have sent with the venue instead of sending it again.
      intent = started.intent;
      const decided = await this.executions.findByIntent(intent.id);
      // Begun in another mode (a live order, then a restart in dry run): only an executor of that mode may settle it.
      if (decided && decided.mode !== this.venue.mode) {
        throw new Error(`intent ${intent.id} was being executed in ${decided.mode} mode; this executor runs in ${this.venue.mode} mode and leaves it EXECUTING for one in ${decided.mode} mode`);
      }
      // Ended before the interruption (its outcome written, its transition not): only the transition is left.
      if (decided?.status === 'FAILED') return this.failed(intent, decided.error ?? 'failed before the executor was interrupted', log, timer);
      if (decided && !IN_FLIGHT_OUTCOMES.has(decided.status)) return this.completed(intent, decided.orderRequest, decided, log, timer);
      sentBefore = (await this.venue.inFlight?.(intent.id)) ?? false;
      log.warn({ mode: this.venue.mode, sent_before: sentBefore }, 'Resuming an interrupted execution');
    } else {
      log.info({ status: started.error === 'WRONG_STATUS' ? started.current : 'NOT_FOUND' }, 'Approved-intent job skipped: intent is not APPROVED');
      return 'SKIPPED';
    }

    // Once something may be at the venue, only reconciliation may decide the outcome: a re-check
    // failing now must not mark FAILED an order that is live or filled; it only withholds a stored
    // order the venue turns out not to hold. Otherwise the venue starts its reads (sending nothing)
    // while the rules are re-checked.
    const prepared = sentBefore || intent.type === 'CLAIM_SETTLEMENT' ? undefined : this.venue.prepare?.(intent);
    let gated: Gated | null = null;
    let withhold: string | null = null;
    try {
      gated = await this.recheck(intent, state, sentBefore);
      timer.mark('recheck');
    } catch (error) {
      const reason = `execution re-check could not read the portfolio or kill switches: ${error instanceof Error ? error.message : String(error)}`;
      if (!sentBefore) return this.failUnsent(intent, `${reason}; nothing sent`, null, log, timer);
      withhold = reason;
    }
    if (gated && !gated.verdict.passed) {
      if (!sentBefore) {
        await gated.checksStored;
        return this.failUnsent(intent, `blocked by risk re-check at execution: ${gated.verdict.blockingMessage}`, null, log, timer);
      }
      withhold = `blocked by risk re-check at execution: ${gated.verdict.blockingMessage}`;
    }

    let order: OrderRequest | null;
    let result: VenueResult;
    try {
      ({ order, result } = await this.perform({ intent, sentBefore, firstAttempt: started.ok, prepared, gated, withhold, timer }));
    } catch (error) {
      // Once an order was stored only the venue's refusal or a withheld order may fail the intent.
      const placedNothing = error instanceof ExecutionRefused && error.placedNothing;
      const unsettled = error instanceof OrderNotSettled ? error
        : sentBefore && !placedNothing ? new OrderNotSettled(`the stored order may be at the venue but the resumed execution could not settle it: ${error instanceof Error ? error.message : String(error)}`)
        : null;
      if (unsettled) throw this.settleLater(unsettled, log, timer);
      const refused = error instanceof ExecutionRefused ? error : null;
      await gated?.checksStored.catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      // The venue's refusal of this execution's own order, or its withheld order: nothing of it is at the venue.
      if (placedNothing) return this.fail(intent, reason, refused?.order ?? null, log, timer);
      return this.failUnsent(intent, reason, refused?.order ?? null, log, timer);
    }
    if (result.status === 'UNFILLED') {
      return this.fail(intent, `nothing filled: no ${order?.side === 'BUY' ? 'ask at or below' : 'bid at or above'} the limit ${order?.price}`, order, log, timer, result);
    }
    await this.executions.recordOutcome({ intentId: intent.id, mode: this.venue.mode, orderRequest: order, ...result });
    return this.completed(intent, order, result, log, timer);
  }

  /** The outcome is written: the intent is EXECUTED (a crash before this is finished by the resumed job). */
  private async completed(intent: Intent, order: unknown, result: VenueResult, log: Logger, timer: OrderPathTimer): Promise<ExecutionResult> {
    const done = await this.intents.transition(intent.id, 'CompleteExecution', { now: this.now(), actor: ACTOR });
    timer.mark('done');
    if (!done.ok && done.error === 'WRONG_STATUS' && done.current === 'FAILED') {
      // Another execution of it withheld the order and failed it, and this one's post still reached
      // the venue: what filled is recorded (the ledger holds the position), the intent stays FAILED.
      this.metrics.executions.inc({ mode: this.venue.mode, outcome: 'not_settled' });
      log.error({ mode: this.venue.mode, order, status: result.status, filled_size: result.filledSize, order_path_ms: timer.stepsMs }, 'An order reached the venue for an intent another execution failed: its fills are recorded, the intent stays FAILED; a person must look at it');
      return 'FAILED';
    }
    this.metrics.executions.inc({ mode: this.venue.mode, outcome: 'executed' });
    this.metrics.intents.inc({ type: intent.type, status: 'EXECUTED' });
    log.info(
      { mode: this.venue.mode, intent_type: intent.type, order, status: result.status, filled_size: result.filledSize, avg_price: result.avgPrice, fees: result.fees, order_path_ms: timer.stepsMs },
      this.venue.mode === 'DRY_RUN' ? 'Dry run: recorded the order it would have placed; nothing sent' : 'Intent executed',
    );
    await this.broadcast.publish(BroadcastEvent.IntentExecuted, { intentId: intent.id, status: done.ok ? done.intent.status : 'EXECUTED', actor: ACTOR, at: this.now().toISOString() });
    return 'EXECUTED';
  }

  /**
   * The re-check at execution, decided on reads begun with the gate's update. Its results are
   * written while the order is built, signed and checked; the write is awaited before the signed
   * order is stored (live) or anything else is written or sent.
   */
  private async recheck(intent: Intent, state: Promise<GateState>, ownOrderCounted: boolean): Promise<Gated> {
    const read = await state;
    // A resumed execution's own stored order is among the hour's orders already: the rule adds it once more.
    const reads = await this.gate.withMarket(intent, ownOrderCounted ? { ...read, view: { ...read.view, state: withOwnOrderUncounted(read.view.state) } } : read);
    const now = this.now();
    const verdict = this.gate.decide(intent, reads, now);
    return { verdict, checksStored: quiet(this.gate.record(intent.id, 'EXECUTION', verdict, now)) };
  }

  /**
   * Orders for positions; a claim for a resolved one. A close sells exactly the shares held, unless
   * it was already sent (`sentBefore`): its fills may have emptied the position, and the venue
   * reconciles the order it stored rather than this one. The re-check's view and market are reused.
   */
  private async perform({ intent, sentBefore, firstAttempt, prepared, gated, withhold, timer }: Attempt): Promise<{ order: OrderRequest | null; result: VenueResult }> {
    const view = intent.type === 'OPEN_POSITION' ? null : (gated?.verdict.view ?? (await this.portfolio.view(this.now())));
    const position = view?.ledger.positions.find((p) => p.tokenId === intent.tokenId);
    if (intent.type === 'CLAIM_SETTLEMENT') {
      // A claim already sent may have closed the position itself (its settlement fill written, its
      // outcome not): only the venue can tell, from the transaction and fill it recorded.
      if (!position && !sentBefore) throw new ExecutionRefused(`no position in token ${intent.tokenId} to claim`);
      await gated?.checksStored;
      return { order: null, result: await this.venue.claim(intent, position ?? null) };
    }
    if (intent.type === 'CLOSE_POSITION' && !position && !sentBefore) throw new ExecutionRefused(`no position in token ${intent.tokenId} to close`);
    const market = gated ? gated.verdict.market : await this.markets.findById(intent.marketId);
    if (!market) throw new ExecutionRefused(`market ${intent.marketId} is unknown to this deployment; cannot price the order`);
    const terms = { tickSize: market.tickSize, minOrderSize: market.minOrderSize, negRisk: market.negRisk };
    const order = buildOrderRequest(intent, terms, this.settings.orderType, position?.shares);
    try {
      const result = await this.venue.submit(order, { intent, market, firstAttempt, prepared, checksStored: gated?.checksStored, withhold, timer });
      // A venue that writes nothing (dry run) leaves it to the outcome written next.
      await gated?.checksStored;
      return { order, result };
    } catch (error) {
      if (error instanceof OrderNotSettled || (sentBefore && !(error instanceof OrderNotPlaced))) throw error;
      throw new ExecutionRefused(error instanceof Error ? error.message : String(error), order, error instanceof OrderNotPlaced);
    }
  }

  /**
   * Fails an intent this execution stored no order for, once no other delivery of its job can
   * store and send one after it (a lost lock lets two run at once): the venue's fence. When one
   * already stored its order, the intent is left EXECUTING for the resumed job to reconcile.
   */
  private async failUnsent(intent: Intent, reason: string, order: OrderRequest | null, log: Logger, timer: OrderPathTimer): Promise<ExecutionResult> {
    if ((await this.venue.withholdUnsent?.(intent.id)) === false) {
      throw this.settleLater(new WithholdDeferred(`another execution of intent ${intent.id} stored its order before this one could fail it (${reason}); left EXECUTING to be reconciled`), log, timer);
    }
    return this.fail(intent, reason, order, log, timer);
  }

  /**
   * The intent stays EXECUTING (it counts as exposure) and the job fails, so it is resumed and
   * reconciled: counted and logged by why. A deferred withhold is routine (another delivery holds
   * the order); anything else may be an order at the venue with no outcome, for a person to see.
   */
  private settleLater(unsettled: OrderNotSettled, log: Logger, timer: OrderPathTimer): OrderNotSettled {
    const deferred = unsettled instanceof WithholdDeferred;
    this.metrics.executions.inc({ mode: this.venue.mode, outcome: deferred ? 'withhold_deferred' : 'not_settled' });
    const line = { reason: unsettled.message, order_path_ms: timer.stepsMs };
    if (deferred) log.warn(line, 'Withhold deferred: another delivery of this job holds the order; it will be resumed and reconciled');
    else log.error(line, 'Execution not settled: the order may be at the venue; it will be resumed and reconciled');
    return unsettled;
  }

  /** The outcome first, then the intent: a crash between them is finished by the resumed job (`failed`). */
  private async fail(intent: Intent, reason: string, order: OrderRequest | null, log: Logger, timer: OrderPathTimer, result?: VenueResult): Promise<ExecutionResult> {
    await this.executions.recordOutcome({ intentId: intent.id, mode: this.venue.mode, orderRequest: order, ...result, status: 'FAILED', error: reason });
    return this.failed(intent, reason, log, timer);
  }

  private async failed(intent: Intent, reason: string, log: Logger, timer: OrderPathTimer): Promise<ExecutionResult> {
    await this.intents.transition(intent.id, 'FailExecution', { now: this.now(), actor: ACTOR, reason });
    timer.mark('done');
    this.metrics.executions.inc({ mode: this.venue.mode, outcome: 'failed' });
    this.metrics.intents.inc({ type: intent.type, status: 'FAILED' });
    log.error({ reason, order_path_ms: timer.stepsMs }, 'Execution failed');
    await this.broadcast.publish(BroadcastEvent.IntentFailed, { intentId: intent.id, status: 'FAILED', actor: ACTOR, at: this.now().toISOString(), reason });
    return 'FAILED';
  }

  private now(): Date {
    return new Date(this.clock());
  }
}
