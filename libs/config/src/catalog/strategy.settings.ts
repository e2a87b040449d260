import { optional, withDefault } from '../setting-definition';
import { listKind, numberKind, patternKind } from '../setting-kind';

const group = 'Strategy';

// A scheme-less value is a file path; anything with a scheme must be http(s).
const FORECAST_SOURCE = /^(https?:\/\/[^\s/]+\S*|(?![a-zA-Z][a-zA-Z0-9+.-]*:\/\/)\S.*)$/i;

export const STRATEGY_SETTINGS = {
  edgeThreshold: withDefault('POLYBOT_EDGE_THRESHOLD', numberKind({ min: 0, aboveMin: true, max: 1, belowMax: true }), '0.05', {
    group,
    description: 'minimum edge (fair probability minus price) for a signal to become an intent',
  }),
  forecasts: optional('POLYBOT_FORECASTS', patternKind(
    FORECAST_SOURCE,
    'a file path or an http(s) URL of a JSON or CSV forecasts file',
    'file path or http(s) URL (JSON or CSV)',
  ), {
    group,
    description: 'forecast file read by the forecast_feed strategy',
  }),
  strategies: withDefault('POLYBOT_STRATEGIES', listKind(/^[a-z][a-z0-9_]*$/, 'strategy names (lower_snake_case)'), 'neg_risk_consistency,forecast_feed', {
    group,
    description: 'strategies to run, in order',
  }),
};
