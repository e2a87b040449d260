import { settlementFill, type Intent, type Position } from '@polybot/domain';
import { InFlightOutcome, type ExecutionRepository, type FillRepository, type MarketRepository } from '@polybot/persistence';
import type { RedeemPositionsSender } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import { OrderNotSettled, type VenueResult } from './execution-venue';
import { summarizeFills } from './live-fills.mapper';

/**
 * A live CLAIM_SETTLEMENT: one redeemPositions transaction per intent. Its hash is stored in the
 * execution outcome as soon as it is broadcast, so a resumed execution waits for that receipt
 * instead of sending a second transaction; the settlement fill is written once, on success, and a
 * resumed execution that finds it settles from it (that fill has closed the position).
 */
export class LiveClaim {
  constructor(
    private readonly redeemer: () => RedeemPositionsSender,
    private readonly executions: ExecutionRepository,
    private readonly fills: FillRepository,
    private readonly markets: MarketRepository,
    private readonly clock: Clock,
  ) {}

  /** `position` is null only when resuming a claim whose transaction was sent (see ExecutionVenue.claim). */
  async claim(intent: Intent, position: Position | null): Promise<VenueResult> {
    const earlier = await this.executions.findByIntent(intent.id);
    let txHash = earlier?.status === InFlightOutcome.ClaimSent ? earlier.orderId : null;
    if (!txHash) {
      if (!position) throw new Error(`no position in token ${intent.tokenId} to claim`);
      const market = await this.markets.findById(intent.marketId);
      if (!market) throw new Error(`market ${intent.marketId} is unknown to this deployment; cannot tell how to redeem it`);
      const index = market.tokens.findIndex((t) => t.tokenId === position.tokenId);
      const sharesByOutcome = market.tokens.map((_, i) => (i === index ? position.shares : 0));
      txHash = await this.redeemer().send({ conditionId: position.conditionId, negRisk: market.negRisk, sharesByOutcome });
      await this.executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: InFlightOutcome.ClaimSent, orderRequest: null, orderId: txHash });
    }
    const receipt = await this.redeemer().waitFor(txHash);
    if (receipt.status !== 'CONFIRMED') throw new Error(`claim transaction ${txHash} reverted`);
    const recorded = await this.fills.forIntent(intent.id);
    if (recorded.length > 0) return { status: 'SETTLED', orderId: txHash, ...summarizeFills(recorded) };
    if (!position) {
      // Sent, confirmed, yet the position is gone and no settlement fill of this claim closed it:
      // something else did (a sale, a fill recorded elsewhere), so what this claim paid is not known.
      // The transaction moved funds, so FAILED would hide it, and a second one must never be sent:
      // left unsettled (EXECUTING, resumed and logged) for a person to reconcile.
      throw new OrderNotSettled(`claim transaction ${txHash} is confirmed but the position in token ${intent.tokenId} is gone and no settlement fill was recorded for it; it cannot be settled from the ledger`);
    }
    await this.fills.recordMany('LIVE', [settlementFill(position, intent.price, new Date(this.clock()), intent.id)]);
    return { status: 'SETTLED', orderId: txHash, filledSize: position.shares, avgPrice: intent.price, fees: 0 };
  }
}
