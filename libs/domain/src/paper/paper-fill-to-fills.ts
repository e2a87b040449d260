import type { OrderRequest } from '../execution/order-request';
import type { Fill } from '../portfolio/portfolio.types';
import type { PaperFillResult } from './paper-fill';

/** The market a token belongs to, as a fill records it. */
export interface FillInstrument {
  readonly marketId: string;
  readonly conditionId: string;
  readonly outcome: string;
  readonly category: string | null;
}

/** One ledger fill per level taken, each with its own price and fee, as the venue would report the matches. */
export function fillsFromPaperFill(result: PaperFillResult, order: OrderRequest, instrument: FillInstrument, at: Date): Fill[] {
  return result.levels.map((level) => ({
    intentId: order.intentId,
    kind: 'TRADE',
    tokenId: order.tokenId,
    ...instrument,
    side: order.side,
    price: level.price,
    shares: level.shares,
    feeUsd: level.feeUsd,
    at,
  }));
}
