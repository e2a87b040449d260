import { withDefault } from '../setting-definition';
import { numberKind } from '../setting-kind';

const group = 'Risk';
const percent = numberKind({ min: 0, aboveMin: true, max: 100, unit: 'percent' });
const positiveUsd = numberKind({ min: 0, aboveMin: true, unit: 'USD' });

export const RISK_SETTINGS = {
  paperBankroll: withDefault('POLYBOT_PAPER_BANKROLL', positiveUsd, '10000', {
    group,
    description: 'starting cash of the paper account (USD) and the bankroll for percentage limits and sizing; with real orders a ceiling, never more than the account holds at the venue',
  }),
  kellyFraction: withDefault('POLYBOT_KELLY_FRACTION', numberKind({ min: 0, aboveMin: true, max: 1 }), '0.25', {
    group,
    description: 'fraction of the full Kelly stake to size positions with',
  }),
  maxPositionPct: withDefault('POLYBOT_MAX_POSITION_PCT', percent, '2', {
    group,
    description: 'largest single position as a percent of bankroll',
  }),
  maxTotalExposurePct: withDefault('POLYBOT_MAX_TOTAL_EXPOSURE_PCT', percent, '20', {
    group,
    description: 'total open exposure as a percent of bankroll',
  }),
  maxCategoryExposurePct: withDefault('POLYBOT_MAX_CATEGORY_EXPOSURE_PCT', percent, '10', {
    group,
    description: 'open exposure in one market category as a percent of bankroll',
  }),
  maxNotionalPerMarket: withDefault('POLYBOT_MAX_NOTIONAL_PER_MARKET', positiveUsd, '1000', {
    group,
    description: 'largest notional in one market, in USD',
  }),
  maxOrdersPerHour: withDefault('POLYBOT_MAX_ORDERS_PER_HOUR', numberKind({ min: 1, integer: true, unit: 'orders' }), '20', {
    group,
    description: 'orders allowed in any rolling hour',
  }),
  maxDailyLossPct: withDefault('POLYBOT_MAX_DAILY_LOSS_PCT', percent, '10', {
    group,
    description: 'loss over the last 24 hours (rolling, not since midnight) as a percent of the equity 24 hours ago, at which new positions are refused and the DAILY_LOSS kill switch trips',
  }),
};
