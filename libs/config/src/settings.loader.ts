import type { ZodError } from 'zod';
import { deepFreeze } from './deep-freeze';
import { mergeEnvironment, readEnvFile, type EnvFileOptions } from './env-file';
import { describeReceived } from './received-value';
import type { SettingDefinition } from './setting-definition';
import { SETTING_KEYS, SETTINGS_CATALOG, definitionOf, type SettingKey } from './settings.catalog';
import { SettingsError, type SettingIssue } from './settings.error';
import { settingsSchema, type Settings } from './settings.schema';
import { keyedUrlParts, maskKeyedUrl } from './url-credentials';

export type LoadSettingsOptions = EnvFileOptions;

/**
 * Reads POLYBOT_* from the environment and the .env file, validates everything once and returns a
 * deeply frozen object. Throws SettingsError listing every bad variable.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, opts: LoadSettingsOptions = {}): Settings {
  const merged = mergeEnvironment(env, readEnvFile(opts));
  const input = Object.fromEntries(SETTING_KEYS.map((key) => [key, merged[SETTINGS_CATALOG[key].variable]]));
  const result = settingsSchema.safeParse(input);
  if (!result.success) throw new SettingsError(toIssues(result.error, merged));
  const settings: Settings = result.data;
  return deepFreeze(settings);
}

/** For service entry points: a bad setting is an operator error, so print it plainly and exit 2. */
export function loadSettingsOrExit(env: NodeJS.ProcessEnv = process.env, opts: LoadSettingsOptions = {}): Settings {
  try {
    return loadSettings(env, opts);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`polyb0t: invalid settings (environment or .env):\n${error.message}\n`);
    return process.exit(2);
  }
}

function toIssues(error: ZodError, merged: NodeJS.ProcessEnv): SettingIssue[] {
  const secrets = SETTING_KEYS.flatMap((key) => {
    const definition = definitionOf(key);
    const raw = merged[definition.variable]?.trim() ?? '';
    const keyParts = definition.keyInUrl ? keyedUrlParts(raw) : [];
    return definition.secret && raw !== '' ? [raw, ...keyParts] : keyParts;
  });
  const issues = new Map<SettingKey, SettingIssue>();
  for (const zodIssue of error.issues) {
    const key = zodIssue.path[0] as SettingKey;
    if (issues.has(key) || !(key in SETTINGS_CATALOG)) continue;
    const definition = definitionOf(key);
    const crossField = zodIssue.code === 'custom' && zodIssue.params?.['crossField'] === true;
    issues.set(key, {
      variable: definition.variable,
      expected: crossField ? zodIssue.message : definition.expected,
      received: receivedOf(definition, merged[definition.variable], secrets),
    });
  }
  return [...issues.values()];
}

/** A keyed URL is shown as status shows it (scheme://host/***), or not at all when it is no URL. */
function receivedOf(definition: SettingDefinition<unknown>, raw: string | undefined, secrets: readonly string[]): string {
  if (!definition.keyInUrl) return describeReceived(raw, definition.secret, secrets);
  const masked = maskKeyedUrl(raw?.trim() ?? '');
  return masked === undefined ? describeReceived(raw, true, secrets) : describeReceived(masked, definition.secret, secrets);
}
