import type { ServicesModeJson } from '@polybot/intents';

/**
 * Printed first (text) or to stderr (JSON): when the running services trade in the other mode,
 * every money figure this command prints is from the ledger they do not use.
 */
export function modeWarning(services: ServicesModeJson): string | null {
  return services.warning ? `WARNING: ${services.warning}` : null;
}
