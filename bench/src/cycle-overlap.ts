import { summarize, type LatencySummary } from './stats';

/** When an ingest cycle ran: its "Ingest cycle done" time less its duration, to that time (epoch ms). */
export interface CycleWindow {
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface ByCycleOverlap {
  /** What was measured while the ingestor was in a cycle (fetch, store or queue): changes made, or sampling windows. */
  readonly duringCycle: LatencySummary;
  /** What was measured between cycles: what the stream does on its own, the nearest the bench gets to a stream apart from the cycle. */
  readonly betweenCycles: LatencySummary;
}

/** Splits timed spans by whether they overlap an ingest cycle, summarizing `valueOf` of each side. */
export function splitBySpanInCycle<T>(items: readonly T[], spanOf: (item: T) => { readonly from: number; readonly to: number }, valueOf: (item: T) => number, cycles: readonly CycleWindow[]): ByCycleOverlap {
  const during: number[] = [];
  const between: number[] = [];
  for (const item of items) {
    const { from, to } = spanOf(item);
    const inCycle = cycles.some((cycle) => from <= cycle.endedAt && to >= cycle.startedAt);
    (inCycle ? during : between).push(valueOf(item));
  }
  return { duringCycle: summarize(during), betweenCycles: summarize(between) };
}

/**
 * Splits price-change latencies by whether the change was made during an ingest cycle. The p99 at
 * 50,000 tokens was put down to the stream sharing the ingestor's event loop with the cycle; this
 * says how much of it a stream on its own thread could win back.
 */
export function splitByCycleOverlap(changes: readonly { readonly startedAt: number; readonly heardAt: number }[], cycles: readonly CycleWindow[]): ByCycleOverlap {
  return splitBySpanInCycle(changes, ({ startedAt }) => ({ from: startedAt, to: startedAt }), ({ startedAt, heardAt }) => heardAt - startedAt, cycles);
}
