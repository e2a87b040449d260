import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { buildOrderRequest, type Intent, type OrderRequest } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { ExecutionRepository, IntentRepository, MarketRepository } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher, type ApprovedIntentJob } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, type Clock } from '@polybot/runtime';
import { EXECUTION_VENUE, type ExecutionVenue } from './execution-venue';

const ACTOR = 'executor';

export type ExecutionResult = 'EXECUTED' | 'FAILED' | 'SKIPPED';

/**
 * Executes one approved intent. The APPROVED -> EXECUTING update is the gate: only an intent a
 * person approved can pass it, and only once, whatever the queue delivers.
 */
@Injectable()
export class ExecuteIntentService {
  constructor(
    private readonly intents: IntentRepository,
    private readonly executions: ExecutionRepository,
    private readonly markets: MarketRepository,
    private readonly broadcast: BroadcastPublisher,
    @Inject(EXECUTION_VENUE) private readonly venue: ExecutionVenue,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(job: ApprovedIntentJob): Promise<ExecutionResult> {
    const log = this.logger.child({ intent_id: job.intentId });
    const started = await this.intents.transition(job.intentId, 'StartExecution', { now: new Date(this.clock()), actor: ACTOR });
    let intent: Intent;
    if (started.ok) {
      intent = started.intent;
    } else if (started.error === 'WRONG_STATUS' && started.current === 'EXECUTING' && this.venue.mode === 'DRY_RUN') {
      // A crash after the gate: a dry run sent nothing, so finishing it again is safe.
      intent = started.intent;
      log.warn({}, 'Resuming an interrupted dry-run execution');
    } else {
      log.info({ status: started.error === 'WRONG_STATUS' ? started.current : 'NOT_FOUND' }, 'Approved-intent job skipped: intent is not APPROVED');
      return 'SKIPPED';
    }

    let order: OrderRequest;
    try {
      order = await this.orderFor(intent);
    } catch (error) {
      return this.fail(intent, error instanceof Error ? error.message : String(error), null, log);
    }
    const result = await this.venue.submit(order);
    await this.executions.recordOutcome({ intentId: intent.id, mode: this.venue.mode, orderRequest: order, ...result });
    const done = await this.intents.transition(intent.id, 'CompleteExecution', { now: new Date(this.clock()), actor: ACTOR });
    this.metrics.executions.inc({ mode: this.venue.mode, outcome: 'executed' });
    log.info({ mode: this.venue.mode, order }, this.venue.mode === 'DRY_RUN' ? 'Dry run: recorded the order it would have placed; nothing sent' : 'Order executed');
    await this.broadcast.publish(BroadcastEvent.IntentExecuted, { intentId: intent.id, status: done.ok ? done.intent.status : 'EXECUTED', actor: ACTOR, at: new Date(this.clock()).toISOString() });
    return 'EXECUTED';
  }

  private async orderFor(intent: Intent): Promise<OrderRequest> {
    const market = await this.markets.findById(intent.marketId);
    if (!market) throw new Error(`market ${intent.marketId} is unknown to this deployment; cannot price the order`);
    return buildOrderRequest(intent, { tickSize: market.tickSize, minOrderSize: market.minOrderSize, negRisk: market.negRisk }, this.settings.orderType);
  }

  private async fail(intent: Intent, reason: string, order: OrderRequest | null, log: Logger): Promise<ExecutionResult> {
    await this.executions.recordOutcome({ intentId: intent.id, mode: this.venue.mode, status: 'FAILED', orderRequest: order, error: reason });
    await this.intents.transition(intent.id, 'FailExecution', { now: new Date(this.clock()), actor: ACTOR, reason });
    this.metrics.executions.inc({ mode: this.venue.mode, outcome: 'failed' });
    log.error({ reason }, 'Execution failed');
    await this.broadcast.publish(BroadcastEvent.IntentFailed, { intentId: intent.id, status: 'FAILED', actor: ACTOR, at: new Date(this.clock()).toISOString(), reason });
    return 'FAILED';
  }
}
