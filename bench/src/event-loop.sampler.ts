import { splitBySpanInCycle, type ByCycleOverlap, type CycleWindow } from './cycle-overlap';
import { round } from './stats';

/** One scrape of a service's event-loop delay histogram, which prom-client resets on every scrape. */
interface LagWindow {
  readonly from: number;
  readonly to: number;
  /** The longest wait for the loop in the window (nodejs_eventloop_lag_max_seconds), ms. */
  readonly maxMs: number;
}

/** Garbage collections by kind (minor, major, incremental, weakcb) while sampled: how many, and seconds in them. */
export type GcTotals = Record<string, { readonly count: number; readonly seconds: number }>;

export interface EventLoopLag extends ByCycleOverlap {
  /** Scrape interval: each figure is the longest wait of one such window. */
  readonly windowMs: number;
  /** Seconds sampled, and the service's collections in them (nodejs_gc_duration_seconds). */
  readonly sampledSeconds: number;
  readonly gc: GcTotals;
}

const LAG_MAX = /^nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m;
const GC_TOTAL = /^nodejs_gc_duration_seconds_(sum|count)\{[^}]*kind="([a-z]+)"[^}]*\} (\S+)$/gm;

function gcTotals(exposition: string): GcTotals {
  const totals: Record<string, { count: number; seconds: number }> = {};
  for (const [, field, kind, value] of exposition.matchAll(GC_TOTAL)) {
    const entry = (totals[kind] ??= { count: 0, seconds: 0 });
    if (field === 'sum') entry.seconds = Number(value);
    else entry.count = Number(value);
  }
  return totals;
}

function gcSince(first: GcTotals, last: GcTotals): GcTotals {
  return Object.fromEntries(
    Object.entries(last).map(([kind, { count, seconds }]) => [kind, { count: count - (first[kind]?.count ?? 0), seconds: round(seconds - (first[kind]?.seconds ?? 0), 3) }]),
  );
}

/**
 * Reads a service's event-loop lag from its /metrics while the bench times price changes, so the
 * report says how long a frame can wait for the ingestor's loop during a cycle and between them:
 * the part of the latency a stream on its own thread would take back, and no more.
 */
export class EventLoopLagSampler {
  private readonly windows: LagWindow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private first: { at: number; gc: GcTotals } | null = null;
  private latest: { at: number; gc: GcTotals } | null = null;
  private failure: string | null = null;

  constructor(
    private readonly metricsUrl: string,
    private readonly windowMs = 500,
  ) {}

  async start(): Promise<void> {
    await this.scrape(); // resets the histogram: the first window starts now
    this.timer = setInterval(() => void this.scrape(), this.windowMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The windows' longest waits (ms) split by whether they overlapped a cycle; throws if the service could not be read. */
  split(cycles: readonly CycleWindow[]): EventLoopLag {
    if (this.failure && this.windows.length === 0) throw new Error(`could not read the event-loop lag at ${this.metricsUrl}: ${this.failure}`);
    const sampledSeconds = this.first && this.latest ? round((this.latest.at - this.first.at) / 1000, 1) : 0;
    const gc = this.first && this.latest ? gcSince(this.first.gc, this.latest.gc) : {};
    return { windowMs: this.windowMs, sampledSeconds, gc, ...splitBySpanInCycle(this.windows, (window) => window, (window) => window.maxMs, cycles) };
  }

  private async scrape(): Promise<void> {
    const at = Date.now();
    try {
      const text = await (await fetch(this.metricsUrl)).text();
      const seconds = Number(LAG_MAX.exec(text)?.[1]);
      if (!Number.isFinite(seconds)) throw new Error('no nodejs_eventloop_lag_max_seconds in the exposition');
      if (this.latest) this.windows.push({ from: this.latest.at, to: at, maxMs: seconds * 1000 });
      this.latest = { at, gc: gcTotals(text) };
      this.first ??= this.latest;
    } catch (error) {
      // A missed scrape merges two windows into the next one; the gap is not counted twice.
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }
}
