import type { Logger } from './logger';

/**
 * Warnings that repeat while one thing keeps failing (a read retried every 250 ms until an intent
 * expires) are written once, then at most once per `everyMs` per subject and message, each with how
 * many were left out since the last one written: the first failure is seen at once, and a failure
 * that lasts minutes is a few lines, not thousands.
 */
export class RepeatedWarnings {
  private readonly written = new Map<string, { at: number; leftOut: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly clock: () => number,
    private readonly everyMs: number,
  ) {}

  warn(subject: string, fields: Record<string, unknown>, message: string): void {
    const key = `${subject}\u0000${message}`;
    const now = this.clock();
    const last = this.written.get(key);
    if (last && now - last.at < this.everyMs) {
      last.leftOut += 1;
      return;
    }
    this.logger.warn(last?.leftOut ? { ...fields, repeats_left_out: last.leftOut } : fields, message);
    this.written.set(key, { at: now, leftOut: 0 });
  }

  /** The subject is done with (an order settled): its next warning, if any, is written at once. */
  forget(subject: string): void {
    for (const key of this.written.keys()) if (key.startsWith(`${subject}\u0000`)) this.written.delete(key);
  }
}
