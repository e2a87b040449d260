import { withDefault } from '../setting-definition';
import { booleanKind, numberKind } from '../setting-kind';

const group = 'Universe filters';

export const UNIVERSE_SETTINGS = {
  minLiquidity: withDefault('POLYBOT_MIN_LIQUIDITY', numberKind({ min: 0, unit: 'USD' }), '1000', {
    group,
    description: 'skip markets with less liquidity (USD, as reported by Gamma)',
  }),
  minVolume24h: withDefault('POLYBOT_MIN_VOLUME_24H', numberKind({ min: 0, unit: 'USD' }), '0', {
    group,
    description: 'skip markets that traded less in the last 24 hours (USD)',
  }),
  maxSpread: withDefault('POLYBOT_MAX_SPREAD', numberKind({ min: 0, aboveMin: true, max: 1 }), '0.1', {
    group,
    description: 'skip markets whose best ask minus best bid is wider (price units, 0-1)',
  }),
  minHoursToResolution: withDefault('POLYBOT_MIN_HOURS_TO_RESOLUTION', numberKind({ min: 0, unit: 'hours' }), '24', {
    group,
    description: 'skip markets that resolve sooner than this',
  }),
  maxDaysToResolution: withDefault('POLYBOT_MAX_DAYS_TO_RESOLUTION', numberKind({ min: 0, aboveMin: true, unit: 'days' }), '365', {
    group,
    description: 'skip markets that resolve later than this',
  }),
  requireOrderBook: withDefault('POLYBOT_REQUIRE_ORDER_BOOK', booleanKind(), 'true', {
    group,
    description: 'skip markets without an order book enabled',
  }),
  requireAcceptingOrders: withDefault('POLYBOT_REQUIRE_ACCEPTING_ORDERS', booleanKind(), 'true', {
    group,
    description: 'skip markets that are not accepting orders',
  }),
};
