import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@polybot/observability';
import { SignalRepository, type SignalRecord } from '@polybot/persistence';
import { LOGGER } from '@polybot/runtime';

const RETRY_MS = 1000;
/** A bounded statement: unnest over more rows than this gains little and holds a connection longer. */
const MAX_ROWS_PER_WRITE = 5000;
/** At shutdown, how long to keep trying to store what is queued before giving up (and saying so). */
const SHUTDOWN_WAIT_MS = 5000;

/**
 * Stores signal records (every decision with its checks) off the proposal's path: a person waits
 * for the intent, nobody waits for its record. A failed write is logged and retried, its records
 * kept in order; nothing is dropped while the process lives.
 */
@Injectable()
export class SignalRecordWriter implements OnApplicationShutdown {
  private readonly queued: SignalRecord[] = [];
  private writing: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failure: unknown = null;

  constructor(
    private readonly signals: SignalRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  enqueue(records: readonly SignalRecord[]): void {
    if (records.length === 0) return;
    this.queued.push(...records);
    this.start();
  }

  /** Resolves once everything queued so far is stored; rejects with the error if a write fails. */
  async drain(): Promise<void> {
    while (this.queued.length > 0) {
      this.cancelRetry();
      await this.start();
      if (this.failure !== null) throw this.failure;
    }
  }

  /** Not before shutdown: the queue workers stop then, and a job still running may enqueue records. */
  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error('timed out')), SHUTDOWN_WAIT_MS)));
    const problem = await Promise.race([this.drain().then(() => null, (error: unknown) => error), timeout]);
    clearTimeout(timer);
    this.cancelRetry();
    if (problem !== null) this.logger.error({ err: problem, unwritten: this.queued.length }, 'Signal records not stored at shutdown');
  }

  private start(): Promise<void> {
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  /** Never rejects: a failure is kept for drain(), logged, and retried later. */
  private async writeQueued(): Promise<void> {
    while (this.queued.length > 0) {
      // Records leave the queue only once stored, so a failed batch is retried in its place.
      const batch = this.queued.slice(0, MAX_ROWS_PER_WRITE);
      try {
        await this.signals.recordMany(batch);
      } catch (error) {
        this.failure = error;
        this.logger.error({ err: error, queued: this.queued.length }, `Storing signal records failed; retrying in ${RETRY_MS} ms`);
        this.retry ??= setTimeout(() => {
          this.retry = null;
          void this.start();
        }, RETRY_MS).unref();
        return;
      }
      this.queued.splice(0, batch.length);
    }
    this.failure = null;
  }

  private cancelRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}
