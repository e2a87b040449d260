import type { Logger } from './logger';

/**
 * Warnings that repeat while one thing keeps failing (a read retried every 250 ms until an intent
 * expires) are written once, then at most once per `everyMs` per subject and message, each with how
 * many were left out since the last one written: the first failure is seen at once, and a failure
 * that lasts minutes is a few lines, not thousands.
 */
export class RepeatedWarnings {
  private readonly written = new Map<string, { at: number; leftOut: number; readonly message: string; fields: Record<string, unknown> }>();

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
      last.fields = fields;
      return;
    }
    this.logger.warn(last?.leftOut ? { ...fields, repeats_left_out: last.leftOut } : fields, message);
    this.written.set(key, { at: now, leftOut: 0, message, fields });
  }

  /**
   * The subject is done with (an order settled): warnings left out since the last one written are
   * written as one line (the latest, with their count), and its next warning is written at once.
   */
  forget(subject: string): void {
    for (const [key, last] of this.written) {
      if (!key.startsWith(`${subject}\u0000`)) continue;
      if (last.leftOut > 0) this.logger.warn({ ...last.fields, repeats_left_out: last.leftOut }, last.message);
      this.written.delete(key);
    }
  }
}
