import { z } from 'zod';
import type { SettingKind } from './setting-kind';

export const SETTING_GROUPS = [
  'Mode & timing',
  'Strategy',
  'Risk',
  'Universe filters',
  'Exits',
  'Kill switches',
  'Execution',
  'Venue',
  'Credentials',
  'Infra',
] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** One POLYBOT_* variable: how it parses and how it is documented, in one place. */
export interface SettingDefinition<T> {
  readonly variable: string;
  readonly group: SettingGroup;
  readonly description: string;
  /** The default exactly as it would be written in .env; undefined when the default is "unset". */
  readonly default: string | undefined;
  readonly secret: boolean;
  /** A URL that may carry an API key (see SettingDocs.keyInUrl). */
  readonly keyInUrl: boolean;
  readonly expected: string;
  readonly validValues: string;
  /** Parses the raw environment text (undefined or blank = unset) into the typed value. */
  readonly schema: z.ZodType<T, z.ZodTypeDef, string | undefined>;
}

export interface SettingDocs {
  group: SettingGroup;
  description: string;
  secret?: boolean;
  /**
   * A URL whose path, query or userinfo may hold an API key (RPC providers put it there): shown as
   * scheme://host[:port]/*** and its key parts scrubbed from logs, while its host stays readable.
   */
  keyInUrl?: boolean;
}

export const SETTINGS_PREFIX = 'POLYBOT_';

// Blank means unset so that `POLYBOT_X=` in a compose file or .env falls back to the default.
const rawText = z
  .string()
  .optional()
  .transform((text) => {
    const trimmed = text?.trim();
    return trimmed === '' ? undefined : trimmed;
  });

export function withDefault<T>(
  variable: string,
  kind: SettingKind<T>,
  defaultText: string,
  docs: SettingDocs,
): SettingDefinition<T> {
  return {
    ...describe(variable, kind, docs),
    default: defaultText,
    // The default goes through the same parser as operator input, so a bad default fails the spec.
    schema: rawText.pipe(kind.schema.optional()).transform((value) => value ?? kind.schema.parse(defaultText)),
  };
}

export function optional<T>(variable: string, kind: SettingKind<T>, docs: SettingDocs): SettingDefinition<T | undefined>;
export function optional<T, U>(
  variable: string,
  kind: SettingKind<T>,
  docs: SettingDocs,
  whenUnset: U,
): SettingDefinition<T | U>;
export function optional<T, U>(
  variable: string,
  kind: SettingKind<T>,
  docs: SettingDocs,
  whenUnset?: U,
): SettingDefinition<T | U | undefined> {
  return {
    ...describe(variable, kind, docs),
    default: undefined,
    schema: rawText.pipe(kind.schema.optional()).transform((value) => (value === undefined ? whenUnset : value)),
  };
}

function describe<T>(variable: string, kind: SettingKind<T>, docs: SettingDocs) {
  return {
    variable,
    group: docs.group,
    description: docs.description,
    secret: docs.secret ?? false,
    keyInUrl: docs.keyInUrl ?? false,
    expected: kind.expected,
    validValues: kind.validValues,
  };
}
