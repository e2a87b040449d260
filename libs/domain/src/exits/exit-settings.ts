/** When to propose selling a held position. Percentages as numbers: 10 = 10%. */
export interface ExitSettings {
  /** Propose a sale once the position is up at least this much at the best bid. */
  readonly takeProfitPct: number;
  /** Propose a sale once the position is down at least this much at the best bid. */
  readonly stopLossPct: number;
  /** Propose a sale this many days before the market's end date (resolution risk). */
  readonly timeExitDaysBefore: number;
  /** Propose a sale when the spread is at least this many times its normal width. */
  readonly maxSpreadMultiplier: number;
}

export const DEFAULT_EXIT_SETTINGS: ExitSettings = {
  takeProfitPct: 10,
  stopLossPct: 5,
  timeExitDaysBefore: 2,
  maxSpreadMultiplier: 3,
};

/** A bad setting is an error naming it: a zero stop-loss would propose selling everything at once. */
export function validateExitSettings(settings: ExitSettings): ExitSettings {
  const positive: Array<keyof ExitSettings> = ['takeProfitPct', 'stopLossPct', 'maxSpreadMultiplier'];
  for (const name of positive) {
    const value = settings[name];
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`exit setting ${name} must be a positive number, got ${String(value)}`);
  }
  if (!(Number.isFinite(settings.timeExitDaysBefore) && settings.timeExitDaysBefore >= 0)) {
    throw new RangeError(`exit setting timeExitDaysBefore must be a non-negative number, got ${String(settings.timeExitDaysBefore)}`);
  }
  if (settings.maxSpreadMultiplier <= 1) throw new RangeError(`exit setting maxSpreadMultiplier must be above 1, got ${settings.maxSpreadMultiplier}`);
  return settings;
}
