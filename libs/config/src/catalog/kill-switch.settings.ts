import { withDefault } from '../setting-definition';
import { numberKind } from '../setting-kind';

const group = 'Kill switches';

export const KILL_SWITCH_SETTINGS = {
  maxDrawdownPct: withDefault('POLYBOT_MAX_DRAWDOWN_PCT', numberKind({ min: 0, aboveMin: true, max: 100, unit: 'percent' }), '15', {
    group,
    description: 'drawdown from the equity peak that halts new positions',
  }),
  maxApiErrorRatePct: withDefault('POLYBOT_MAX_API_ERROR_RATE_PCT', numberKind({ min: 0, aboveMin: true, max: 100, unit: 'percent' }), '50', {
    group,
    description: 'share of failed venue calls within the error window that halts new positions',
  }),
  apiErrorWindowSeconds: withDefault('POLYBOT_API_ERROR_WINDOW_SECONDS', numberKind({ min: 0, aboveMin: true, unit: 'seconds' }), '300', {
    group,
    description: 'rolling window over which the venue error rate is measured',
  }),
  apiErrorMinCalls: withDefault('POLYBOT_API_ERROR_MIN_CALLS', numberKind({ min: 1, integer: true, unit: 'calls' }), '20', {
    group,
    description: 'calls needed in the window before the error rate can trip the switch',
  }),
  maxStaleDataSeconds: withDefault('POLYBOT_MAX_STALE_DATA_SECONDS', numberKind({ min: 0, aboveMin: true, unit: 'seconds' }), '60', {
    group,
    description: "newest market data older than this halts new positions; one market's data this old refuses new positions in it",
  }),
  maxSpreadMultiplier: withDefault('POLYBOT_MAX_SPREAD_MULTIPLIER', numberKind({ min: 1 }), '3', {
    group,
    description: "a token's spread at or beyond this multiple of its normal spread halts new positions in every market (SPREAD_ANOMALY); a held token's proposes a liquidity exit",
  }),
};
