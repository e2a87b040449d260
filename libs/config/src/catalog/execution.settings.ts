import { withDefault } from '../setting-definition';
import { choiceKind, numberKind } from '../setting-kind';

const group = 'Execution';

export const EXECUTION_SETTINGS = {
  orderType: withDefault('POLYBOT_ORDER_TYPE', choiceKind(['GTC', 'GTD', 'FOK', 'FAK']), 'GTC', {
    group,
    description: 'CLOB order type for live orders',
  }),
  maxSlippage: withDefault('POLYBOT_MAX_SLIPPAGE', numberKind({ min: 0, max: 1, belowMax: true }), '0.02', {
    group,
    description: 'largest price move (price units, 0-1) between approval and execution before the order is refused',
  }),
};
