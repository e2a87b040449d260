import type { Settings } from '@polybot/config';
import type { MarketDataSourceConfig, VenueCallRecorder } from '@polybot/polymarket';
import { DEFAULT_SPREAD_WARM_UP_OBSERVATIONS, type ExitSettings, type KillSwitchSettings, type RiskSettings, type UniverseFilterSettings } from '@polybot/domain';

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
    maxTotalExposurePct: settings.maxTotalExposurePct,
    maxCategoryExposurePct: settings.maxCategoryExposurePct,
    maxOrdersPerHour: settings.maxOrdersPerHour,
    maxDailyLossPct: settings.maxDailyLossPct,
    maxStaleDataSeconds: settings.maxStaleDataSeconds,
  };
}

export function killSwitchSettingsFrom(settings: Settings): KillSwitchSettings {
  return {
    maxDrawdownPct: settings.maxDrawdownPct,
    maxDailyLossPct: settings.maxDailyLossPct,
    maxApiErrorRatePct: settings.maxApiErrorRatePct,
    apiErrorMinCalls: settings.apiErrorMinCalls,
    maxStaleDataSeconds: settings.maxStaleDataSeconds,
    maxSpreadMultiplier: settings.maxSpreadMultiplier,
    spreadWarmUpObservations: DEFAULT_SPREAD_WARM_UP_OBSERVATIONS,
  };
}

export function exitSettingsFrom(settings: Settings): ExitSettings {
  return {
    takeProfitPct: settings.takeProfitPct,
    stopLossPct: settings.stopLossPct,
    timeExitDaysBefore: settings.timeExitDaysBefore,
    maxSpreadMultiplier: settings.maxSpreadMultiplier,
  };
}

/** How to reach the venue's read APIs, for every service that reads markets or books. */
export function marketDataConfigFrom(settings: Settings, recorder: VenueCallRecorder): MarketDataSourceConfig {
  return {
    gammaUrl: settings.gammaApiUrl,
    clobUrl: settings.clobApiUrl,
    timeoutMs: settings.httpTimeoutMs,
    maxRetries: settings.httpMaxRetries,
    booksBatchSize: settings.booksBatchSize,
    gammaPageSize: settings.gammaPageSize,
    gammaPagesInFlight: settings.gammaPagesInFlight,
    recorder,
  };
}
