import { logRecord } from './child.process';
import type { ServiceStack } from './service.stack';

/** The executor's steps for one intent, in ms (its log line's order_path_ms). */
export type OrderPathSteps = Readonly<Record<string, number>>;

/** Collects the executor's timed steps per intent from its "Intent executed" / "Execution failed" lines. */
export class OrderPathWatcher {
  private readonly byIntent = new Map<string, OrderPathSteps>();
  /** Who waits for an intent's execution: woken by its log line, not by polling in the measured window. */
  private readonly waiters = new Map<string, () => void>();

  constructor(stack: ServiceStack) {
    stack.services.executor.onLine((line) => {
      if (!line.includes('"order_path_ms"')) return;
      const record = logRecord(line);
      const steps = record?.['order_path_ms'];
      if (typeof record?.['intent_id'] !== 'string' || typeof steps !== 'object' || steps === null) return;
      this.byIntent.set(record['intent_id'], steps as OrderPathSteps);
      this.waiters.get(record['intent_id'])?.();
    });
  }

  /** Resolves once the executor has logged the intent's execution, or after `timeoutMs` (true if it had). */
  executed(intentId: string, timeoutMs: number): Promise<boolean> {
    if (this.byIntent.has(intentId)) return Promise.resolve(true);
    return new Promise((done) => {
      const finish = (executed: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(intentId);
        done(executed);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.waiters.set(intentId, () => finish(true));
    });
  }

  stepsOf(intentId: string): OrderPathSteps | undefined {
    return this.byIntent.get(intentId);
  }
}
