import type { Settings } from '@polybot/config';
import { KILL_SWITCH_NAMES, type KillSwitchName } from '@polybot/domain';
import type { KillSwitchState } from '@polybot/persistence';

/** One switch as the operator reports show it (snake_case JSON). */
export interface KillSwitchJson {
  name: string;
  tripped: boolean;
  tripped_at: string | null;
  /** The measured value that tripped it; null while it is not tripped. */
  value: number | null;
  /** The trip's threshold while tripped, else the configured one. */
  threshold: number | null;
  reason: string | null;
  cleared_at: string | null;
  cleared_by: string | null;
}

export function isKillSwitchName(name: string): name is KillSwitchName {
  return (KILL_SWITCH_NAMES as readonly string[]).includes(name);
}

/** The configured threshold of each switch, in the unit its readings use. */
export function configuredThreshold(name: KillSwitchName, settings: Settings): number {
  switch (name) {
    case 'DRAWDOWN': return settings.maxDrawdownPct;
    case 'DAILY_LOSS': return settings.maxDailyLossPct;
    case 'API_ERRORS': return settings.maxApiErrorRatePct;
    case 'STALE_DATA': return settings.maxStaleDataSeconds;
    case 'SPREAD_ANOMALY': return settings.maxSpreadMultiplier;
  }
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

/**
 * Every switch in KILL_SWITCH_NAMES order, stored or not (a switch never tripped has no row), then
 * any stored name outside that list so nothing on record is hidden.
 */
export function killSwitchStates(stored: readonly KillSwitchState[], settings: Settings): KillSwitchJson[] {
  const byName = new Map(stored.map((s) => [s.name, s]));
  const known = KILL_SWITCH_NAMES.map((name): KillSwitchJson => {
    const s = byName.get(name);
    const tripped = s?.tripped ?? false;
    return {
      name,
      tripped,
      tripped_at: tripped ? iso(s?.trippedAt ?? null) : null,
      value: tripped ? (s?.value ?? null) : null,
      threshold: tripped && s?.threshold != null ? s.threshold : configuredThreshold(name, settings),
      reason: tripped ? (s?.reason ?? null) : null,
      cleared_at: iso(s?.clearedAt ?? null),
      cleared_by: s?.clearedBy ?? null,
    };
  });
  const other = stored.filter((s) => !isKillSwitchName(s.name)).map((s): KillSwitchJson => ({
    name: s.name, tripped: s.tripped, tripped_at: iso(s.trippedAt), value: s.value, threshold: s.threshold,
    reason: s.reason, cleared_at: iso(s.clearedAt), cleared_by: s.clearedBy,
  }));
  return [...known, ...other];
}
