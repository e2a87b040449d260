import { withDefault } from '../setting-definition';
import { numberKind } from '../setting-kind';

const group = 'Exits';

export const EXIT_SETTINGS = {
  takeProfitPct: withDefault('POLYBOT_TAKE_PROFIT_PCT', numberKind({ min: 0, aboveMin: true, unit: 'percent' }), '10', {
    group,
    description: 'propose closing a position once its unrealised gain reaches this percent',
  }),
  stopLossPct: withDefault('POLYBOT_STOP_LOSS_PCT', numberKind({ min: 0, aboveMin: true, max: 100, unit: 'percent' }), '5', {
    group,
    description: 'propose closing a position once its unrealised loss reaches this percent',
  }),
  timeExitDaysBefore: withDefault('POLYBOT_TIME_EXIT_DAYS_BEFORE', numberKind({ min: 0, unit: 'days' }), '2', {
    group,
    description: 'propose closing a position this many days before its market resolves',
  }),
};
