/**
 * Offset pages read in order with several requests under way, so a catalogue of P pages costs about
 * P / inFlight round trips instead of P. The first page goes alone (a one-page catalogue costs one
 * request); from the second on, up to `inFlight` pages are requested ahead. Pages requested past the
 * last one the caller takes are wasted: at most inFlight - 1 per read. `settle` waits for them, so a
 * read leaves no request of its own under way once it has returned.
 */
export class PageWindow<T> {
  private readonly requested = new Map<number, Promise<T>>();
  private nextPage = 0;

  constructor(
    private readonly fetchPage: (page: number) => Promise<T>,
    private readonly inFlight: number,
    private readonly maxPages: number,
  ) {
    if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error(`PageWindow inFlight must be a positive integer (got ${inFlight})`);
  }

  /** Page `page`; pages are taken in order, 0 first. */
  take(page: number): Promise<T> {
    if (page >= this.maxPages) throw new Error(`PageWindow: page ${page} is past the last page (${this.maxPages - 1})`);
    const end = Math.min(page + (page === 0 ? 1 : this.inFlight), this.maxPages);
    while (this.nextPage < end) this.request(this.nextPage++);
    const result = this.requested.get(page);
    if (!result) throw new Error(`PageWindow: page ${page} was already taken or skipped`);
    this.requested.delete(page);
    return result;
  }

  /** Resolves once every page requested and not taken has come back (or failed); their results are dropped. */
  async settle(): Promise<void> {
    const left = [...this.requested.values()];
    this.requested.clear();
    await Promise.allSettled(left);
  }

  private request(page: number): void {
    const result = this.fetchPage(page);
    // A page requested ahead and never taken must not surface as an unhandled rejection.
    result.catch(() => undefined);
    this.requested.set(page, result);
  }
}
