import { CREDENTIAL_SETTINGS } from './catalog/credentials.settings';
import { EXECUTION_SETTINGS } from './catalog/execution.settings';
import { EXIT_SETTINGS } from './catalog/exits.settings';
import { INFRA_SETTINGS } from './catalog/infra.settings';
import { KILL_SWITCH_SETTINGS } from './catalog/kill-switch.settings';
import { MODE_SETTINGS } from './catalog/mode.settings';
import { RISK_SETTINGS } from './catalog/risk.settings';
import { STRATEGY_SETTINGS } from './catalog/strategy.settings';
import { UNIVERSE_SETTINGS } from './catalog/universe.settings';
import { VENUE_SETTINGS } from './catalog/venue.settings';
import type { SettingDefinition, SettingGroup } from './setting-definition';

/** Every POLYBOT_* variable, keyed by its Settings property (camelCase of the name after the prefix). */
export const SETTINGS_CATALOG = {
  ...MODE_SETTINGS,
  ...STRATEGY_SETTINGS,
  ...RISK_SETTINGS,
  ...UNIVERSE_SETTINGS,
  ...EXIT_SETTINGS,
  ...KILL_SWITCH_SETTINGS,
  ...EXECUTION_SETTINGS,
  ...VENUE_SETTINGS,
  ...CREDENTIAL_SETTINGS,
  ...INFRA_SETTINGS,
};

export type SettingKey = keyof typeof SETTINGS_CATALOG;

export const SETTING_KEYS = Object.keys(SETTINGS_CATALOG) as SettingKey[];

export function definitionOf(key: SettingKey): SettingDefinition<unknown> {
  return SETTINGS_CATALOG[key];
}

export interface SettingDoc {
  readonly variable: string;
  readonly key: SettingKey;
  readonly group: SettingGroup;
  /** Exactly as it would be written in .env; null when the default is "unset". */
  readonly default: string | null;
  readonly description: string;
  readonly validValues: string;
  readonly secret: boolean;
  readonly keyInUrl: boolean;
}

/** The documentation table; CONFIG_LIVE_MODE.md and .env.example are checked against it. */
export const SETTINGS_DOC: readonly SettingDoc[] = Object.freeze(
  SETTING_KEYS.map((key) => {
    const definition = definitionOf(key);
    return Object.freeze({
      variable: definition.variable,
      key,
      group: definition.group,
      default: definition.default ?? null,
      description: definition.description,
      validValues: definition.validValues,
      secret: definition.secret,
      keyInUrl: definition.keyInUrl,
    });
  }),
);
