import type { Settings } from '@polybot/config';
import type { RiskSettings, UniverseFilterSettings } from '@polybot/domain';

/** The domain's view of the POLYBOT_* settings, mapped in one place for every service and the CLI. */
export function universeFilterSettingsFrom(settings: Settings): UniverseFilterSettings {
  return {
    minLiquidityUsd: settings.minLiquidity,
    minVolume24hUsd: settings.minVolume24h,
    maxSpread: settings.maxSpread,
    minHoursToResolution: settings.minHoursToResolution,
    maxDaysToResolution: settings.maxDaysToResolution,
    requireOrderBook: settings.requireOrderBook,
    requireAcceptingOrders: settings.requireAcceptingOrders,
  };
}

export function riskSettingsFrom(settings: Settings): RiskSettings {
  return {
    maxPositionPct: settings.maxPositionPct,
    maxNotionalPerMarket: settings.maxNotionalPerMarket,
    edgeThreshold: settings.edgeThreshold,
    universe: universeFilterSettingsFrom(settings),
  };
}
