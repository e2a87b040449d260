import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { proposeOpenPosition, type Intent, type SignalWithMarket } from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { IntentRepository, SignalRepository, type SignalRecord } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher, type SignalBatchJob } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, riskSettingsFrom, type Clock } from '@polybot/runtime';

const ACTOR = 'risk';

/**
 * Turns signals into PENDING intents, or denials. Every signal is stored with its decision and
 * checks, so a person can always see why nothing was proposed.
 */
@Injectable()
export class ProposeIntentsService {
  constructor(
    private readonly intents: IntentRepository,
    private readonly signals: SignalRepository,
    private readonly broadcast: BroadcastPublisher,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(batch: SignalBatchJob): Promise<Intent[]> {
    const items = batch.items as SignalWithMarket[];
    const notional = await this.openNotionalByMarket();
    const records: SignalRecord[] = [];
    const proposed: Intent[] = [];

    for (const { signal, market } of items) {
      const now = this.clock();
      const decision = proposeOpenPosition(signal, market, {
        bankroll: this.settings.paperBankroll,
        kellyFraction: this.settings.kellyFraction,
        existingMarketNotional: notional.get(market.marketId) ?? 0,
        settings: riskSettingsFrom(this.settings),
        now,
        expirySeconds: this.settings.intentExpirySeconds,
      });
      if (decision.decision === 'DENY') {
        records.push({ signal, cycleId: batch.cycleId, decision: 'DENIED', checks: decision.checks });
        this.logger.info(
          { cycle_id: batch.cycleId, token_id: signal.tokenId, failed: decision.checks.filter((c) => !c.passed).map((c) => c.message) },
          'Signal denied by risk checks',
        );
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
      notional.set(market.marketId, (notional.get(market.marketId) ?? 0) + intent.sizeUsd);
      records.push({ signal, cycleId: batch.cycleId, decision: 'PROPOSED', intentId: intent.id, checks: decision.checks });
      proposed.push(intent);
      await this.announce(intent, batch.cycleId);
    }
    await this.signals.recordMany(records);
    return proposed;
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

  /** Dollars each market already has in open intents (positions join in with the ledger). */
  private async openNotionalByMarket(): Promise<Map<string, number>> {
    const open = await this.intents.list({ limit: 10_000 });
    const notional = new Map<string, number>();
    for (const intent of open) notional.set(intent.marketId, (notional.get(intent.marketId) ?? 0) + intent.sizeUsd);
    return notional;
  }
}
