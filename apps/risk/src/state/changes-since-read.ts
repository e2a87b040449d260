/**
 * Changes this process learned of (its own writes, events it heard) that a read of Postgres may
 * not include yet. Each is numbered; a read that began after a change was made includes it, so
 * `settle(mark)` with the mark taken before that read drops it. Changes after the mark stay on top
 * of the read: that is what keeps a trip or an intent from being lost to a read that raced it.
 */
export class ChangesSinceRead<T> {
  private next = 1;
  private changes: { readonly n: number; readonly change: T }[] = [];

  add(change: T): void {
    this.changes.push({ n: this.next++, change });
  }

  /** Take before reading Postgres; pass to settle() once the read is applied. */
  mark(): number {
    return this.next - 1;
  }

  settle(mark: number): void {
    this.changes = this.changes.filter((c) => c.n > mark);
  }

  list(): T[] {
    return this.changes.map((c) => c.change);
  }
}
