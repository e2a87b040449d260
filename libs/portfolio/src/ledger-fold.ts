import { applyFill, emptyLedger, type Ledger } from '@polybot/domain';
import type { FillMode, FillRepository, StoredFill } from '@polybot/persistence';

/**
 * The ledger folded from the fill log, kept between reads so a read fetches only the fills stored
 * since the last one (the view is read every second; the log only grows). Fills are never changed
 * or deleted, so two things can go wrong, and both are detected and answered by folding the whole
 * log again: a fill that committed late under an id already passed (the total is off), and a fill
 * that sorts before the last one folded (the fold order is (at, id), and it matters for cost basis).
 */
export class LedgerFold {
  private ledger: Ledger;
  private lastId = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private folded = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fills: FillRepository,
    private readonly mode: FillMode,
    private readonly startingCash: number,
  ) {
    this.ledger = emptyLedger(startingCash);
  }

  /**
   * Each call reads Postgres after it was made, never joining a read already under way: the
   * caller may have read open intents since, and fills must not be older than those.
   */
  current(): Promise<Ledger> {
    const next = this.queue.then(() => this.update());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The markets of the positions as last folded, without reading: what a caller can fetch alongside the next read. */
  heldMarketIds(): string[] {
    return this.ledger.positions.map((position) => position.marketId);
  }

  private async update(): Promise<Ledger> {
    const read = await this.fills.after(this.mode, this.lastId);
    const lateCommit = read.total !== this.folded + read.fills.length;
    const outOfOrder = read.fills.length > 0 && read.fills[0].fill.at.getTime() < this.lastAt;
    if (lateCommit || outOfOrder) {
      this.ledger = emptyLedger(this.startingCash);
      this.lastId = 0;
      this.lastAt = Number.NEGATIVE_INFINITY;
      this.folded = 0;
      this.fold((await this.fills.after(this.mode, 0)).fills);
    } else {
      this.fold(read.fills);
    }
    return this.ledger;
  }

  private fold(fills: readonly StoredFill[]): void {
    for (const { id, fill } of fills) {
      this.ledger = applyFill(this.ledger, fill);
      this.lastId = Math.max(this.lastId, id);
      this.lastAt = fill.at.getTime();
      this.folded += 1;
    }
  }
}
