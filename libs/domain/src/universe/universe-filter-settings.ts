/** What makes a market worth watching. Money in USD; spread in price units (0.05 = 5 cents). */
export interface UniverseFilterSettings {
  readonly minLiquidityUsd: number;
  readonly minVolume24hUsd: number;
  readonly maxSpread: number;
  readonly minHoursToResolution: number;
  readonly maxDaysToResolution: number;
  readonly requireOrderBook: boolean;
  readonly requireAcceptingOrders: boolean;
}
