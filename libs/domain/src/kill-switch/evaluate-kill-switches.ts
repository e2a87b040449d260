import { ApiErrorsKillSwitch } from './api-errors.kill-switch';
import { DailyLossKillSwitch } from './daily-loss.kill-switch';
import { DrawdownKillSwitch } from './drawdown.kill-switch';
import type { KillSwitchInputs, KillSwitchName, KillSwitchReading, KillSwitchRule, KillSwitchSettings } from './kill-switch.types';
import { SpreadAnomalyKillSwitch } from './spread-anomaly.kill-switch';
import { StaleDataKillSwitch } from './stale-data.kill-switch';

/** The five switches, in KILL_SWITCH_NAMES order. */
export function createKillSwitchRules(): KillSwitchRule[] {
  return [new DrawdownKillSwitch(), new DailyLossKillSwitch(), new ApiErrorsKillSwitch(), new StaleDataKillSwitch(), new SpreadAnomalyKillSwitch()];
}

/**
 * Reads every switch. A rule that throws counts as tripped (fail closed: a halt a person clears
 * is cheaper than trading blind), with the error in its reason.
 */
export function evaluateKillSwitches(inputs: KillSwitchInputs, settings: KillSwitchSettings, rules: readonly KillSwitchRule[] = createKillSwitchRules()): KillSwitchReading[] {
  return rules.map((rule): KillSwitchReading => {
    try {
      return rule.evaluate(inputs, settings);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { name: rule.name, tripped: true, value: null, threshold: thresholdOf(rule.name, settings), reason: `${rule.name}: could not evaluate (${why}): halting to be safe` };
    }
  });
}

/** The names of the tripped readings, for tradingStateFor and mayProceed. */
export function trippedSwitchNames(readings: readonly KillSwitchReading[]): KillSwitchName[] {
  return readings.filter((reading) => reading.tripped).map((reading) => reading.name);
}

function thresholdOf(name: KillSwitchName, settings: KillSwitchSettings): number {
  const thresholds: Record<KillSwitchName, number> = {
    DRAWDOWN: settings.maxDrawdownPct,
    DAILY_LOSS: settings.maxDailyLossPct,
    API_ERRORS: settings.maxApiErrorRatePct,
    STALE_DATA: settings.maxStaleDataSeconds,
    SPREAD_ANOMALY: settings.maxSpreadMultiplier,
  };
  return thresholds[name];
}
