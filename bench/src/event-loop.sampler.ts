import type { CycleWindow } from './cycle-overlap';
import { summarize, type LatencySummary } from './stats';

/** One scrape of a service's event-loop delay histogram, which prom-client resets on every scrape. */
interface LagWindow {
  readonly from: number;
  readonly to: number;
  /** The longest wait for the loop in the window (nodejs_eventloop_lag_max_seconds), ms. */
  readonly maxMs: number;
}

export interface EventLoopLag {
  /** Scrape interval: each figure is the longest wait of one such window. */
  readonly windowMs: number;
  /** Windows that overlapped an ingest cycle: their longest waits, ms. */
  readonly duringCycle: LatencySummary;
  readonly betweenCycles: LatencySummary;
}

const LAG_MAX = /^nodejs_eventloop_lag_max_seconds(?:\{[^}]*\})? (\S+)$/m;

/**
 * Reads a service's event-loop lag from its /metrics while the bench times price changes, so the
 * report says how long a frame can wait for the ingestor's loop during a cycle and between them:
 * the part of the latency a stream on its own thread would take back, and no more.
 */
export class EventLoopLagSampler {
  private readonly windows: LagWindow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
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

  /** The windows split by whether they overlapped a cycle; throws if the service could not be read. */
  split(cycles: readonly CycleWindow[]): EventLoopLag {
    if (this.failure && this.windows.length === 0) throw new Error(`could not read the event-loop lag at ${this.metricsUrl}: ${this.failure}`);
    const during: number[] = [];
    const between: number[] = [];
    for (const { from, to, maxMs } of this.windows) {
      const overlaps = cycles.some((cycle) => from <= cycle.endedAt && to >= cycle.startedAt);
      (overlaps ? during : between).push(maxMs);
    }
    return { windowMs: this.windowMs, duringCycle: summarize(during), betweenCycles: summarize(between) };
  }

  private async scrape(): Promise<void> {
    const at = Date.now();
    try {
      const text = await (await fetch(this.metricsUrl)).text();
      const seconds = Number(LAG_MAX.exec(text)?.[1]);
      if (!Number.isFinite(seconds)) throw new Error('no nodejs_eventloop_lag_max_seconds in the exposition');
      if (this.last > 0) this.windows.push({ from: this.last, to: at, maxMs: seconds * 1000 });
      this.last = at;
    } catch (error) {
      // A missed scrape merges two windows into the next one; the gap is not counted twice.
      this.failure = error instanceof Error ? error.message : String(error);
    }
  }
}
