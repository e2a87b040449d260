import { settlementFill, type Intent, type Position } from '@polybot/domain';
import type { ExecutionRepository, FillRepository, MarketRepository } from '@polybot/persistence';
import type { RedeemPositionsSender } from '@polybot/polymarket/trading';
import type { Clock } from '@polybot/runtime';
import type { VenueResult } from './execution-venue';

const CLAIM_SENT = 'CLAIM_SENT';

/**
 * A live CLAIM_SETTLEMENT: one redeemPositions transaction per intent. Its hash is stored in the
 * execution outcome as soon as it is broadcast, so a resumed execution waits for that receipt
 * instead of sending a second transaction; the settlement fill is written once, on success.
 */
export class LiveClaim {
  constructor(
    private readonly redeemer: () => RedeemPositionsSender,
    private readonly executions: ExecutionRepository,
    private readonly fills: FillRepository,
    private readonly markets: MarketRepository,
    private readonly clock: Clock,
  ) {}

  async claim(intent: Intent, position: Position): Promise<VenueResult> {
    const earlier = await this.executions.findByIntent(intent.id);
    let txHash = earlier?.status === CLAIM_SENT ? earlier.orderId : null;
    if (!txHash) {
      const market = await this.markets.findById(intent.marketId);
      if (!market) throw new Error(`market ${intent.marketId} is unknown to this deployment; cannot tell how to redeem it`);
      const index = market.tokens.findIndex((t) => t.tokenId === position.tokenId);
      const sharesByOutcome = market.tokens.map((_, i) => (i === index ? position.shares : 0));
      txHash = await this.redeemer().send({ conditionId: position.conditionId, negRisk: market.negRisk, sharesByOutcome });
      await this.executions.recordOutcome({ intentId: intent.id, mode: 'LIVE', status: CLAIM_SENT, orderRequest: null, orderId: txHash });
    }
    const receipt = await this.redeemer().waitFor(txHash);
    if (receipt.status !== 'CONFIRMED') throw new Error(`claim transaction ${txHash} reverted`);
    if ((await this.fills.forIntent(intent.id)).length === 0) {
      await this.fills.recordMany('LIVE', [settlementFill(position, intent.price, new Date(this.clock()), intent.id)]);
    }
    return { status: 'SETTLED', orderId: txHash, filledSize: position.shares, avgPrice: intent.price, fees: 0 };
  }
}
