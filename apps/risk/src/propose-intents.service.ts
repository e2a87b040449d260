import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { bankrollCheck, mayProceed, proposeOpenPosition, sizingBankrollUsd, tradingStateFor, type Intent, type RiskCheckResult, type RiskSettings, type SignalWithMarket } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { IntentRepository, type SignalRecord } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher, type SignalBatchJob } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, riskSettingsFrom, type Clock } from '@polybot/runtime';
import { RiskStateService } from './state/risk-state.service';
import { SignalRecordWriter } from './state/signal-record.writer';

const ACTOR = 'risk';

/**
 * Turns signals into PENDING intents, or denials, against risk's in-memory view of kill switches
 * and exposure (RiskStateService). Every signal is stored with its decision and checks, so a person
 * can always see why nothing was proposed; that write happens in the background, after the intents
 * are announced.
 */
@Injectable()
export class ProposeIntentsService {
  /** Settings never change while the service runs: built once, not per signal. */
  private readonly riskSettings: RiskSettings;

  constructor(
    private readonly intents: IntentRepository,
    private readonly state: RiskStateService,
    private readonly signalRecords: SignalRecordWriter,
    private readonly broadcast: BroadcastPublisher,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.riskSettings = riskSettingsFrom(settings);
  }

  async handle(batch: SignalBatchJob): Promise<Intent[]> {
    const items = batch.items as SignalWithMarket[];
    let view = (await this.state.current()).portfolio;
    const records: SignalRecord[] = [];
    const proposed: Intent[] = [];

    for (const { signal, market } of items) {
      // Per signal, not per batch (it costs nothing in memory): a switch that trips mid-batch rejects
      // the PENDING intents it finds, and must not be followed by new ones from this batch.
      const halt = haltCheck(this.state.tripped()) ?? bankrollCheck(view.view.bankrollBasis);
      if (halt) {
        this.deny(records, signal, batch.cycleId, [halt]);
        continue;
      }
      const now = this.clock();
      const decision = proposeOpenPosition(signal, market, {
        bankroll: sizingBankrollUsd(view.view.bankrollBasis),
        kellyFraction: this.settings.kellyFraction,
        existingMarketNotional: view.exposure.byMarket[market.marketId] ?? 0,
        portfolio: view.state,
        settings: this.riskSettings,
        now,
        expirySeconds: this.settings.intentExpirySeconds,
      });
      if (decision.decision === 'DENY') {
        const failed = this.deny(records, signal, batch.cycleId, decision.checks);
        this.logger.info({ cycle_id: batch.cycleId, token_id: signal.tokenId, failed: failed.map((c) => c.message) }, 'Signal denied by risk checks');
        continue;
      }
      const intent = await this.intents.createPending(
        {
          type: decision.draft.type,
          marketId: market.marketId,
          conditionId: market.conditionId,
          tokenId: signal.tokenId,
          outcome: signal.outcome,
          side: signal.side,
          price: decision.draft.price,
          sizeUsd: decision.draft.sizeUsd,
          edge: signal.edge,
          modelProb: signal.modelProb,
          marketPrice: signal.marketPrice,
          confidence: signal.confidence,
          reason: decision.draft.reason,
          strategy: signal.strategy,
          cycleId: batch.cycleId,
          createdAt: decision.draft.createdAt,
          expiresAt: decision.draft.expiresAt,
        },
        decision.checks,
        { actor: ACTOR },
      );
      if (!intent) {
        records.push({ signal, cycleId: batch.cycleId, decision: 'DUPLICATE', checks: decision.checks });
        continue;
      }
      // Counted before it is announced, so the next signal (and the echo of the announcement) sees its exposure.
      this.state.recordProposed(intent, market);
      view = this.state.currentPortfolio() ?? view;
      // Announced as soon as it is stored: a person waits for it, the rest of the batch does not.
      await this.announce(intent, batch.cycleId);
      records.push({ signal, cycleId: batch.cycleId, decision: 'PROPOSED', intentId: intent.id, checks: decision.checks });
      proposed.push(intent);
    }
    this.signalRecords.enqueue(records);
    return proposed;
  }

  /** Records the denial and counts it under each check that failed; returns those checks. */
  private deny(records: SignalRecord[], signal: SignalWithMarket['signal'], cycleId: string, checks: RiskCheckResult[]): RiskCheckResult[] {
    records.push({ signal, cycleId, decision: 'DENIED', checks });
    const failed = checks.filter((check) => !check.passed);
    for (const check of failed) this.metrics.riskDenials.inc({ check: check.name });
    return failed;
  }

  private async announce(intent: Intent, cycleId: string): Promise<void> {
    this.metrics.intents.inc({ type: intent.type, status: intent.status });
    this.logger.info(
      { intent_id: intent.id, intent_type: intent.type, side: intent.side, edge: intent.edge, price: intent.price, size_usd: intent.sizeUsd, cycle_id: cycleId },
      'Created trade intent',
    );
    await this.broadcast.publish(BroadcastEvent.IntentProposed, {
      intentId: intent.id,
      status: intent.status,
      actor: ACTOR,
      at: intent.createdAt.toISOString(),
    });
  }
}

/** With a kill switch tripped no new position is proposed; the denial names the switch. */
function haltCheck(tripped: readonly string[]): RiskCheckResult | null {
  const decision = mayProceed('OPEN_POSITION', tradingStateFor(tripped), tripped);
  return decision.allowed ? null : { name: 'KILL_SWITCHES', passed: false, value: tripped.length, limit: 0, message: decision.reason ?? 'trading is halted' };
}
