import { summarize, type LatencySummary } from './stats';

/** When an ingest cycle ran: its "Ingest cycle done" time less its duration, to that time (epoch ms). */
export interface CycleWindow {
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface ByCycleOverlap {
  /** Changes made while the ingestor was in a cycle (fetch, store or queue). */
  readonly duringCycle: LatencySummary;
  /** Changes made between cycles: what the stream does on its own, the nearest the bench gets to a stream apart from the cycle. */
  readonly betweenCycles: LatencySummary;
}

/**
 * Splits price-change latencies by whether the change was made during an ingest cycle. The p99 at
 * 50,000 tokens was put down to the stream sharing the ingestor's event loop with the cycle; this
 * says how much of it a stream on its own thread could win back.
 */
export function splitByCycleOverlap(changes: readonly { readonly startedAt: number; readonly heardAt: number }[], cycles: readonly CycleWindow[]): ByCycleOverlap {
  const during: number[] = [];
  const between: number[] = [];
  for (const { startedAt, heardAt } of changes) {
    const inCycle = cycles.some((cycle) => startedAt >= cycle.startedAt && startedAt <= cycle.endedAt);
    (inCycle ? during : between).push(heardAt - startedAt);
  }
  return { duringCycle: summarize(during), betweenCycles: summarize(between) };
}
