import type { OrderPathStage, PolybotMetrics } from '@polybot/observability';

/**
 * Times each step of one execution from the moment its job is picked up, into
 * polybot_order_path_seconds and the execution's log line: where an approve -> order tail comes from.
 * A monotonic clock, not the service's wall clock (which tests may fix).
 */
export class OrderPathTimer {
  private last: number;
  private readonly steps: Partial<Record<OrderPathStage, number>> = {};

  constructor(
    private readonly histogram: PolybotMetrics['orderPath'],
    private readonly mode: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /** The step that just ended: the time since the previous one ended (or the job was picked up). */
  mark(stage: OrderPathStage): void {
    const at = this.now();
    const ms = at - this.last;
    this.last = at;
    this.steps[stage] = Math.round(ms * 100) / 100;
    this.histogram.observe({ mode: this.mode, stage }, ms / 1000);
  }

  /** Milliseconds per step taken so far, for the log. */
  get stepsMs(): Readonly<Partial<Record<OrderPathStage, number>>> {
    return { ...this.steps };
  }
}
