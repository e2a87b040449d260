import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Visits every item, `perTurn` of them per turn of the event loop: the market stream's frames share
 * the ingestor's loop, and a pass over the whole universe in one turn held them for ~100-300 ms.
 */
export async function forEachInTurns<T>(items: readonly T[], perTurn: number, visit: (item: T) => void): Promise<void> {
  for (let start = 0; start < items.length; start += perTurn) {
    if (start > 0) await nextTurn();
    const end = Math.min(start + perTurn, items.length);
    for (let i = start; i < end; i += 1) visit(items[i]);
  }
}
