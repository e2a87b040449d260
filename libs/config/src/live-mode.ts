import type { Settings } from './settings.schema';

type LiveModeSettings = Pick<Settings, 'mode' | 'dryRun' | 'confirmLive'>;

/** True only when approved intents become real CLOB orders. */
export function placesRealOrders(settings: LiveModeSettings): boolean {
  return settings.mode === 'live' && !settings.dryRun;
}

/**
 * A start that would place real orders needs a person: either POLYBOT_CONFIRM_LIVE=yes (unattended
 * start) or the interactive confirmation the CLI asks for.
 */
export function needsLiveConfirmation(settings: LiveModeSettings): boolean {
  return placesRealOrders(settings) && !settings.confirmLive;
}
