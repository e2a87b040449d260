export interface PositionSizingInput {
  /** The best ask we would pay. */
  readonly price: number;
  /** The strategy's probability that the token pays out. */
  readonly modelProb: number;
  readonly bankroll: number;
  /** Multiplier on full Kelly, in [0, 1]: 0.25 is quarter Kelly. */
  readonly kellyFraction: number;
  /** Percent of bankroll: 2 means 2%. */
  readonly maxPositionPct: number;
  readonly maxNotionalPerMarket: number;
  /** Dollars this market already holds (open positions plus open intents). */
  readonly existingMarketNotional: number;
  /** Cash we could spend; omit or null when unknown (dry run). A negative balance buys nothing. */
  readonly availableCash?: number | null;
  /** Headroom left under maxTotalExposurePct (limit minus current exposure); omit or null for no cap. Negative buys nothing. */
  readonly remainingTotalExposureUsd?: number | null;
  /** Headroom left under maxCategoryExposurePct in this market's category; omit or null for no cap. */
  readonly remainingCategoryExposureUsd?: number | null;
  readonly tickSize: number;
  /** The venue's minimum order, in shares. */
  readonly minOrderSize: number;
}

export class PositionSizingError extends RangeError {
  constructor(field: string, rule: string, value: unknown) {
    super(`position sizing: ${field} must be ${rule}, got ${String(value)}`);
    this.name = 'PositionSizingError';
  }
}

type Rule = [field: keyof PositionSizingInput, rule: string, ok: (value: number) => boolean];

const RULES: Rule[] = [
  ['price', 'a number in (0, 1)', (v) => v > 0 && v < 1],
  ['modelProb', 'a number in [0, 1]', (v) => v >= 0 && v <= 1],
  ['bankroll', 'a number >= 0', (v) => v >= 0],
  ['kellyFraction', 'a number in [0, 1]', (v) => v >= 0 && v <= 1],
  ['maxPositionPct', 'a percent in [0, 100]', (v) => v >= 0 && v <= 100],
  ['maxNotionalPerMarket', 'a number >= 0', (v) => v >= 0],
  ['existingMarketNotional', 'a number >= 0', (v) => v >= 0],
  ['tickSize', 'a number in (0, 1)', (v) => v > 0 && v < 1],
  ['minOrderSize', 'a number >= 0', (v) => v >= 0],
];

/** Every field a finite number within its range (NaN fails every comparison, so it is refused too). */
export function validateSizingInput(input: PositionSizingInput): void {
  for (const [field, rule, ok] of RULES) {
    const value = input[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) throw new PositionSizingError(field, rule, value);
  }
  for (const field of OPTIONAL_CAPS) {
    const value = input[field];
    if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new PositionSizingError(field, 'a finite number when given', value);
    }
  }
}

const OPTIONAL_CAPS = ['availableCash', 'remainingTotalExposureUsd', 'remainingCategoryExposureUsd'] as const;
