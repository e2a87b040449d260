import type { Settings } from '@polybot/config';
import { describeSettings } from '@polybot/config';
import type { IntentStatus } from '@polybot/domain';
import type { IntentRepository, KillSwitchRepository, MarketRepository } from '@polybot/persistence';
import type { QueueDepth, QueueProducer } from '@polybot/queues';

export interface StatusReport {
  mode: string;
  dry_run: boolean;
  places_real_orders: boolean;
  bankroll: number;
  intents: Record<IntentStatus, number>;
  markets: { known: number; newest_update: string | null; data_age_seconds: number | null };
  kill_switches: { name: string; tripped: boolean; tripped_at: string | null; value: number | null; threshold: number | null; reason: string | null }[];
  queues: Record<string, QueueDepth> | { error: string };
  settings: Record<string, string | number | boolean | null>;
  generated_at: string;
}

export interface StatusSources {
  readonly settings: Settings;
  readonly intents: IntentRepository;
  readonly markets: MarketRepository;
  readonly killSwitches: KillSwitchRepository;
  readonly queue: QueueProducer;
  readonly now: Date;
}

/** One status picture for `polyb0t status` and `GET /status`; a part that cannot be read says so instead of failing the whole. */
export async function buildStatusReport(src: StatusSources): Promise<StatusReport> {
  const [intents, known, newest, switches, queues] = await Promise.all([
    src.intents.countByStatus(),
    src.markets.count(),
    src.markets.newestUpdate(),
    src.killSwitches.list(),
    src.queue.depths().catch((error: unknown) => ({ error: `queues unavailable: ${error instanceof Error ? error.message : String(error)}` })),
  ]);
  return {
    mode: src.settings.mode,
    dry_run: src.settings.dryRun,
    places_real_orders: src.settings.mode === 'live' && !src.settings.dryRun,
    bankroll: src.settings.paperBankroll,
    intents,
    markets: {
      known,
      newest_update: newest ? newest.toISOString() : null,
      data_age_seconds: newest ? Math.max(0, Math.round((src.now.getTime() - newest.getTime()) / 100) / 10) : null,
    },
    kill_switches: switches.map((s) => ({
      name: s.name,
      tripped: s.tripped,
      tripped_at: s.trippedAt ? s.trippedAt.toISOString() : null,
      value: s.value,
      threshold: s.threshold,
      reason: s.reason,
    })),
    queues,
    settings: describeSettings(src.settings),
    generated_at: src.now.toISOString(),
  };
}
