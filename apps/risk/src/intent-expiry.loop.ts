import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IntentService } from '@polybot/intents';
import type { Logger } from '@polybot/observability';
import { LOGGER } from '@polybot/runtime';

/** Sweep often enough that an intent expires within a second of its expires_at. */
const SWEEP_INTERVAL_MS = 250;

@Injectable()
export class IntentExpiryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly intents: IntentService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.intents.expireDue();
    } catch (error) {
      this.logger.error({ err: error }, 'Intent expiry sweep failed; retrying');
    } finally {
      this.sweeping = false;
    }
  }
}
