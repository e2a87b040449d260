import type { Settings } from '@polybot/config';
import { accountSnapshotMaxAgeMs } from '@polybot/domain';
import type { AccountSnapshotRepository } from '@polybot/persistence';
import { fillModeFor } from '@polybot/portfolio';

export type ModeSettings = Pick<Settings, 'mode' | 'loopIntervalSeconds'>;

export interface ServicesModeJson {
  /** This process's mode (POLYBOT_MODE, or --live/--paper): the ledger it reads and re-checks approvals against. */
  configured: string;
  /** The running services' mode, from the risk service's latest account snapshot; null when none is recent. */
  running: string | null;
  last_snapshot_at: string | null;
  /** Null unless the running services trade in the other mode; then what is wrong and how to fix it. */
  warning: string | null;
}

const ago = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s ago` : `${Math.round(ms / 60_000)} min ago`);

/**
 * `polyb0t run --live` sets the mode of the services it starts only, while the CLI's other
 * commands and a separately started API read POLYBOT_MODE themselves: compare the two.
 */
export function servicesModeOf(latest: { mode: string; takenAt: Date } | null, settings: ModeSettings, now: Date): ServicesModeJson {
  const ageMs = latest ? Math.max(0, now.getTime() - latest.takenAt.getTime()) : Infinity;
  // A current snapshot (the risk service records one, with its mode, every cycle) means services are
  // running; an older one only that they ran once, perhaps in another mode: not held against anyone.
  const running = ageMs <= accountSnapshotMaxAgeMs(settings.loopIntervalSeconds) ? (latest?.mode.toLowerCase() ?? null) : null;
  const configured = settings.mode;
  return {
    configured,
    running,
    last_snapshot_at: latest ? latest.takenAt.toISOString() : null,
    warning:
      running === null || running === configured
        ? null
        : `the running services trade in ${running} mode (account snapshot ${ago(ageMs)}) but this is set to ${configured} mode ` +
          `and reads the ${fillModeFor(settings)} ledger: use --${running} or set POLYBOT_MODE=${running}`,
  };
}

/** For a process that acts on the running services' behalf without being one of them: the CLI, the API. */
export class ServicesModeReader {
  constructor(
    private readonly accounts: Pick<AccountSnapshotRepository, 'latestMode'>,
    private readonly settings: ModeSettings,
  ) {}

  async read(now: Date): Promise<ServicesModeJson> {
    return servicesModeOf(await this.accounts.latestMode(), this.settings, now);
  }
}
