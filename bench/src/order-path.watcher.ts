import { logRecord } from './child.process';
import { waitFor } from './progress';
import type { ServiceStack } from './service.stack';

/** The executor's steps for one intent, in ms (its log line's order_path_ms). */
export type OrderPathSteps = Readonly<Record<string, number>>;

/** Collects the executor's timed steps per intent from its "Intent executed" / "Execution failed" lines. */
export class OrderPathWatcher {
  private readonly byIntent = new Map<string, OrderPathSteps>();

  constructor(stack: ServiceStack) {
    stack.services.executor.onLine((line) => {
      if (!line.includes('"order_path_ms"')) return;
      const record = logRecord(line);
      const steps = record?.['order_path_ms'];
      if (typeof record?.['intent_id'] !== 'string' || typeof steps !== 'object' || steps === null) return;
      this.byIntent.set(record['intent_id'], steps as OrderPathSteps);
    });
  }

  /** Resolves once the executor has logged the intent's execution, or after `timeoutMs` (true if it had). */
  executed(intentId: string, timeoutMs: number): Promise<boolean> {
    return waitFor(`the execution of intent ${intentId}`, () => this.byIntent.has(intentId), timeoutMs, 5).then(() => true, () => false);
  }

  stepsOf(intentId: string): OrderPathSteps | undefined {
    return this.byIntent.get(intentId);
  }
}
