import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import type { Logger } from '@polybot/observability';
import { LOGGER, SETTINGS } from '@polybot/runtime';
import { IngestCycleService } from './ingest-cycle.service';

/**
 * Runs a cycle every POLYBOT_LOOP_INTERVAL_SECONDS. Cycles never overlap: a slow cycle delays the
 * next one instead of stacking up requests against the venue's rate limits. At shutdown the cycle
 * in flight finishes before anything closes (before the shutdown hooks): with the market stream
 * closed under it, it would re-read every book over REST, and with Redis closed it could not queue.
 */
@Injectable()
export class IngestLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly cycles: IngestCycleService,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.running = this.cycles
        .runCycle()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, `Ingest cycle failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = null;
          const intervalMs = this.settings.loopIntervalSeconds * 1000;
          this.schedule(Math.max(0, intervalMs - (Date.now() - started)));
        });
    }, delayMs);
  }
}
