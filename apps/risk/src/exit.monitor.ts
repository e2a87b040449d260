import { Inject, Injectable } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import {
  claimDraft,
  closePositionDraft,
  evaluateExits,
  resolutionOf,
  type ClaimSettlementDraft,
  type ClosePositionDraft,
  type EventSnapshot,
  type Intent,
  type MarketSnapshot,
  type MarkedPosition,
} from '@polybot/domain';
import type { Logger, PolybotMetrics } from '@polybot/observability';
import { IntentRepository } from '@polybot/persistence';
import { BroadcastEvent, BroadcastPublisher } from '@polybot/queues';
import { CLOCK, LOGGER, METRICS, SETTINGS, exitSettingsFrom, type Clock } from '@polybot/runtime';
import { SpreadBaselineStore } from './spread-baseline.store';
import { RiskStateService } from './state/risk-state.service';

const ACTOR = 'risk:exits';

/**
 * Proposes exits for held positions (take-profit, stop-loss, time, liquidity) and claims for
 * resolved winners, as intents a person must approve. At most one open exit per position: the
 * database refuses a second open intent on the same token and side.
 */
@Injectable()
export class ExitMonitor {
  constructor(
    private readonly state: RiskStateService,
    private readonly intents: IntentRepository,
    private readonly baselines: SpreadBaselineStore,
    private readonly broadcast: BroadcastPublisher,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onSnapshots(events: readonly EventSnapshot[]): Promise<Intent[]> {
    const now = this.clock();
    // Positions change only by executions, and one heard makes the view re-read before it is used
    // again, so an exit is not proposed for a position already closed.
    const { view } = (await this.state.current()).portfolio;
    if (view.marked.positions.length === 0) return [];
    const markets = new Map(events.flatMap((event) => event.markets.map((market) => [market.marketId, market] as const)));
    const proposed: Intent[] = [];
    for (const position of view.marked.positions) {
      const market = markets.get(position.marketId);
      if (!market) continue;
      const draft = this.decide(position, market, now);
      if (!draft) continue;
      const intent = await this.propose(draft, position);
      if (intent) proposed.push(intent);
    }
    return proposed;
  }

  private decide(position: MarkedPosition, market: MarketSnapshot, now: number): ClosePositionDraft | ClaimSettlementDraft | null {
    const expiry = this.settings.intentExpirySeconds;
    try {
      const resolution = resolutionOf({
        marketId: market.marketId,
        closed: market.closed,
        umaResolutionStatus: market.umaResolutionStatus ?? null,
        outcomePrices: market.outcomePrices ?? [],
        tokens: market.tokens,
      });
      if (resolution) return claimDraft(position, resolution, now, expiry);
    } catch (error) {
      this.logger.error({ market_id: market.marketId, err: error }, 'Cannot read a resolved market; no claim proposed');
      return null;
    }
    const decision = evaluateExits(position, market, { settings: exitSettingsFrom(this.settings), normalSpread: this.baselines.normalSpread(position.tokenId), now });
    return decision ? closePositionDraft(position, decision, now, expiry) : null;
  }

  private async propose(draft: ClosePositionDraft | ClaimSettlementDraft, position: MarkedPosition): Promise<Intent | null> {
    const rule = draft.type === 'CLOSE_POSITION' ? draft.rule : 'SETTLEMENT';
    const intent = await this.intents.createPending(
      {
        type: draft.type,
        marketId: draft.marketId,
        conditionId: draft.conditionId,
        tokenId: draft.tokenId,
        outcome: draft.outcome,
        side: draft.side,
        price: draft.price,
        sizeUsd: draft.sizeUsd,
        edge: null,
        modelProb: null,
        marketPrice: position.markPrice,
        confidence: null,
        reason: draft.reason,
        strategy: `exit:${rule}`,
        createdAt: draft.createdAt,
        expiresAt: draft.expiresAt,
      },
      [{ name: rule, passed: true, value: Number(position.pnlPct.toFixed(4)), limit: 0, message: draft.reason }],
      { actor: ACTOR },
    );
    if (!intent) return null;
    this.state.recordProposed(intent, null);
    this.metrics.intents.inc({ type: intent.type, status: intent.status });
    this.logger.info({ intent_id: intent.id, intent_type: intent.type, token_id: intent.tokenId, reason: intent.reason }, 'Created trade intent');
    await this.broadcast.publish(BroadcastEvent.IntentProposed, { intentId: intent.id, status: intent.status, actor: ACTOR, at: intent.createdAt.toISOString() });
    return intent;
  }
}
