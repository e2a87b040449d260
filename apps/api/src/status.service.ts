import { Inject, Injectable } from '@nestjs/common';
import { describeSettings, type Settings } from '@polybot/config';
import type { IntentStatus } from '@polybot/domain';
import { isConnectionFailure, PersistenceUnavailableError } from '@polybot/intents';
import { scrubSecrets } from '@polybot/observability';
import { IntentRepository } from '@polybot/persistence';
import { QueueProducer, type QueueDepth } from '@polybot/queues';
import { SETTINGS } from '@polybot/runtime';
import { MarketDataAgeQuery } from './market-data-age.query';
import { withTimeout } from './with-timeout';

const QUEUE_TIMEOUT_MS = 2000;

export interface StatusReport {
  mode: string;
  dry_run: boolean;
  /** First cut: the paper bankroll setting (live balances come from account snapshots later). */
  bankroll: number;
  intents: { by_status: Record<IntentStatus, number> };
  /** null when Redis did not answer; `queue_error` says why. */
  queues: Record<string, QueueDepth> | null;
  queue_error: string | null;
  data_age_seconds: number | null;
  settings: Record<string, string | number | boolean | null>;
}

/** The operator's overview: mode, intents by status, queue depths, data freshness, settings (secrets masked). */
@Injectable()
export class StatusService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly intents: IntentRepository,
    private readonly queue: QueueProducer,
    private readonly dataAge: MarketDataAgeQuery,
  ) {}

  async report(): Promise<StatusReport> {
    const [byStatus, dataAge, queues] = await Promise.all([
      database(() => this.intents.countByStatus()),
      database(() => this.dataAge.ageSeconds()),
      this.queueDepths(),
    ]);
    return {
      mode: this.settings.mode,
      dry_run: this.settings.dryRun,
      bankroll: this.settings.paperBankroll,
      intents: { by_status: byStatus },
      queues: queues.depths,
      queue_error: queues.error,
      data_age_seconds: dataAge,
      settings: describeSettings(this.settings),
    };
  }

  // Redis being down must not hide the rest of the status: the queues part says so instead.
  private async queueDepths(): Promise<{ depths: Record<string, QueueDepth> | null; error: string | null }> {
    try {
      return { depths: await withTimeout(this.queue.depths(), QUEUE_TIMEOUT_MS, 'Redis'), error: null };
    } catch (error) {
      return { depths: null, error: scrubSecrets(error instanceof Error ? error.message : String(error)) };
    }
  }
}

/** Without Postgres there is no status to give: a lost connection is a 503, anything else a bug (500). */
async function database<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionFailure(error)) throw new PersistenceUnavailableError(error);
    throw error;
  }
}
