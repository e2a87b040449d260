import { optional, withDefault } from '../setting-definition';
import { booleanKind, choiceKind, confirmationKind, numberKind } from '../setting-kind';

const group = 'Mode & timing';

export const MODE_SETTINGS = {
  mode: withDefault('POLYBOT_MODE', choiceKind(['paper', 'live']), 'paper', {
    group,
    description: 'paper simulates fills against live books; live sends approved intents to the CLOB',
  }),
  dryRun: withDefault('POLYBOT_DRY_RUN', booleanKind(), 'true', {
    group,
    description: 'when true, approved intents are logged and never sent to the venue',
  }),
  confirmLive: optional('POLYBOT_CONFIRM_LIVE', confirmationKind('yes'), {
    group,
    description: 'must be "yes" to start live trading (mode=live, dry run off) without the interactive prompt',
  }, false),
  loopIntervalSeconds: withDefault('POLYBOT_LOOP_INTERVAL_SECONDS', numberKind({ min: 0, aboveMin: true, unit: 'seconds' }), '10', {
    group,
    description: 'time between ingest cycles; must be below POLYBOT_MAX_STALE_DATA_SECONDS',
  }),
  intentExpirySeconds: withDefault('POLYBOT_INTENT_EXPIRY_SECONDS', numberKind({ min: 0, aboveMin: true, unit: 'seconds' }), '60', {
    group,
    description: 'how long a PENDING intent waits for approval before it expires',
  }),
};
