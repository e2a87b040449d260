import {
  categoryOf,
  fillsFromPaperFill,
  settlementFill,
  simulateFill,
  type Fill,
  type Intent,
  type OrderRequest,
  type Position,
} from '@polybot/domain';
import type { FillRepository } from '@polybot/persistence';
import type { ClobBookClient } from '@polybot/polymarket';
import type { Clock } from '@polybot/runtime';
import type { ExecutionVenue, SubmitContext, VenueResult } from './execution-venue';

function summarize(status: string, intent: Intent, fills: readonly Fill[]): VenueResult {
  const shares = fills.reduce((sum, fill) => sum + fill.shares, 0);
  const notional = fills.reduce((sum, fill) => sum + fill.price * fill.shares, 0);
  return {
    status,
    orderId: `paper-${intent.id}`,
    filledSize: Number(shares.toFixed(2)),
    avgPrice: shares > 0 ? Number((notional / shares).toFixed(6)) : null,
    fees: Number(fills.reduce((sum, fill) => sum + fill.feeUsd, 0).toFixed(5)),
  };
}

/**
 * Paper trading: the order crosses the venue's current book as a taker would (level by level,
 * within its limit, partially when depth is short, with the market's fees), and the fills go to
 * the paper ledger. An intent's fills are written once: a resumed execution reads them back, and
 * is told so (inFlight), since those fills may have closed the very position it would look for.
 */
export class PaperVenue implements ExecutionVenue {
  readonly mode = 'PAPER' as const;
  readonly idempotent = true;

  constructor(
    private readonly books: ClobBookClient,
    private readonly fills: FillRepository,
    private readonly clock: Clock,
  ) {}

  async submit(order: OrderRequest, { intent, market, checksStored }: SubmitContext): Promise<VenueResult> {
    const earlier = await this.fills.forIntent(intent.id);
    if (earlier.length > 0) return summarize('FILLED', intent, earlier);
    const { books, issues } = await this.books.fetchBooks([order.tokenId]);
    const book = books.get(order.tokenId);
    if (!book) throw new Error(`no order book for token ${order.tokenId}${issues.length ? `: ${issues.join('; ')}` : ''}`);
    await checksStored;
    const result = simulateFill(order, book, market.feeSchedule);
    const fills = fillsFromPaperFill(result, order, { marketId: market.marketId, conditionId: market.conditionId, outcome: intent.outcome, category: categoryOf(market) }, new Date(this.clock()));
    await this.fills.recordMany('PAPER', fills);
    return { ...summarize(result.status, intent, fills), filledSize: result.filledShares, avgPrice: result.avgPrice, fees: result.feeUsd };
  }

  /** Its fills are in the ledger: a close or claim of it already happened, whatever the position now shows. */
  async inFlight(intentId: string): Promise<boolean> {
    return (await this.fills.forIntent(intentId)).length > 0;
  }

  async claim(intent: Intent, position: Position | null): Promise<VenueResult> {
    const earlier = await this.fills.forIntent(intent.id);
    if (earlier.length > 0) return summarize('SETTLED', intent, earlier);
    if (!position) throw new Error(`no position in token ${intent.tokenId} to claim`);
    const fill = settlementFill(position, intent.price, new Date(this.clock()), intent.id);
    await this.fills.recordMany('PAPER', [fill]);
    return summarize('SETTLED', intent, [fill]);
  }
}
