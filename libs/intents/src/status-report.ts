import type { Settings } from '@polybot/config';
import { describeSettings } from '@polybot/config';
import type { IntentStatus } from '@polybot/domain';
import type {
  AccountSnapshotRepository, IntentRepository, KillSwitchRepository, MarketRepository, SignalDecisionCounts, SignalRepository,
} from '@polybot/persistence';
import type { PortfolioService } from '@polybot/portfolio';
import type { QueueDepth, QueueProducer } from '@polybot/queues';
import { killSwitchStates, type KillSwitchJson } from './kill-switch-state';
import { exposureJson, positionsJson, type ExposureJson, type PositionJson } from './portfolio-json';
import { servicesModeOf, type ServicesModeJson } from './services-mode';
import { venueAccountOf, type VenueAccountJson } from './venue-account';

export interface StatusReport {
  mode: string;
  /** The running services' mode beside this one; `warning` when they differ (the money below is then the other mode's). */
  services_mode: ServicesModeJson;
  dry_run: boolean;
  places_real_orders: boolean;
  bankroll: number;
  /** What the bankroll rests on: configured, capped by the venue account's funds, or unread (0: nothing new may be opened). */
  bankroll_basis: { basis: string; note: string };
  /** Cash plus every position at its mark (best bid). */
  equity: number;
  cash: number;
  positions: PositionJson[];
  /** Realized P&L of the whole ledger (fees included), since the first fill. */
  realized_pnl: number;
  unrealized_pnl: number;
  exposure: ExposureJson;
  /** The wallet as the venue reports it (live mode); the fields above are the bot's own ledger. */
  venue_account: VenueAccountJson;
  intents: Record<IntentStatus, number>;
  markets: { known: number; newest_update: string | null; data_age_seconds: number | null };
  /** The last hour's signals by risk's decision, and the checks the denials failed (most first). */
  signals_last_hour: { proposed: number; denied: number; duplicate: number; denied_by: SignalDecisionCounts['deniedBy'] };
  /** Every switch in KILL_SWITCH_NAMES, tripped or not. */
  kill_switches: KillSwitchJson[];
  queues: Record<string, QueueDepth> | { error: string };
  settings: Record<string, string | number | boolean | null>;
  generated_at: string;
}

export interface StatusSources {
  readonly settings: Settings;
  readonly intents: IntentRepository;
  readonly markets: MarketRepository;
  readonly signals: SignalRepository;
  readonly killSwitches: KillSwitchRepository;
  /** The risk service's latest account snapshot: the services' mode and the venue account. */
  readonly accounts: Pick<AccountSnapshotRepository, 'latest'>;
  readonly portfolio: Pick<PortfolioService, 'view'>;
  readonly queue: QueueProducer;
  readonly now: Date;
}

const HOUR_MS = 3_600_000;

/** One status picture for `polyb0t status` and `GET /status`; Redis being down blanks only the queue part. */
export async function buildStatusReport(src: StatusSources): Promise<StatusReport> {
  const [intents, known, newest, signals, switches, account, view, queues] = await Promise.all([
    src.intents.countByStatus(),
    src.markets.count(),
    src.markets.newestUpdate(),
    src.signals.decisionsSince(new Date(src.now.getTime() - HOUR_MS)),
    src.killSwitches.list(),
    src.accounts.latest(),
    src.portfolio.view(src.now),
    src.queue.depths().catch((error: unknown) => ({ error: `queues unavailable: ${error instanceof Error ? error.message : String(error)}` })),
  ]);
  return {
    mode: src.settings.mode,
    services_mode: servicesModeOf(account, src.settings, src.now),
    dry_run: src.settings.dryRun,
    places_real_orders: src.settings.mode === 'live' && !src.settings.dryRun,
    bankroll: view.bankroll,
    bankroll_basis: { basis: view.bankrollBasis.basis, note: view.bankrollBasis.note },
    equity: view.marked.equity,
    cash: view.ledger.cash,
    positions: positionsJson(view),
    realized_pnl: view.ledger.realizedPnlUsd,
    unrealized_pnl: view.marked.unrealizedPnlUsd,
    exposure: exposureJson(view, src.settings),
    venue_account: venueAccountOf(account, src.settings, src.now),
    intents,
    markets: {
      known,
      newest_update: newest ? newest.toISOString() : null,
      data_age_seconds: newest ? Math.max(0, Math.round((src.now.getTime() - newest.getTime()) / 100) / 10) : null,
    },
    signals_last_hour: {
      proposed: signals.decisions.PROPOSED,
      denied: signals.decisions.DENIED,
      duplicate: signals.decisions.DUPLICATE,
      denied_by: signals.deniedBy,
    },
    kill_switches: killSwitchStates(switches, src.settings),
    queues,
    settings: describeSettings(src.settings),
    generated_at: src.now.toISOString(),
  };
}
