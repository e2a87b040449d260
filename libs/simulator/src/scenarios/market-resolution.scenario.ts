import { isoSeconds } from '../world/market.factory';
import type { SimWorld } from '../world/sim-world.state';

export interface ResolvedMarket {
  readonly conditionId: string;
  readonly winningOutcomeIndex: 0 | 1;
  readonly winningTokenId: string;
}

/** Gamma then shows it closed and resolved with outcomePrices ["1","0"] / ["0","1"]; the websocket says market_resolved. */
export function resolveMarket(world: SimWorld, conditionId: string, winningOutcomeIndex: number): ResolvedMarket {
  const market = world.marketByCondition(conditionId);
  if (!market) throw new Error(`resolveMarket: no market with conditionId ${conditionId}`);
  if (winningOutcomeIndex !== 0 && winningOutcomeIndex !== 1) {
    throw new Error(`resolveMarket: winningOutcomeIndex must be 0 or 1, got ${winningOutcomeIndex}`);
  }
  market.closed = true;
  market.acceptingOrders = false;
  market.umaResolutionStatus = 'resolved';
  market.winningOutcomeIndex = winningOutcomeIndex;
  market.closedTime = isoSeconds(world.now());
  world.emit({ kind: 'resolved', market });
  return { conditionId, winningOutcomeIndex, winningTokenId: market.tokenIds[winningOutcomeIndex] };
}
