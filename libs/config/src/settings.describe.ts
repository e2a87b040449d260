import { SETTINGS_DOC } from './settings.catalog';
import type { Settings } from './settings.schema';
import { keyedUrlParts, maskKeyedUrl, maskUrlPassword, MASKED_VALUE, urlPasswordParts } from './url-credentials';

// Connection strings are not secrets as a whole, but a password inside one is.
const CONNECTION_KEYS = ['databaseUrl', 'redisUrl'] as const;

/** Every non-empty secret value (and URL password, and keyed URL's key parts), for the logger to scrub from output. */
export function secretValues(settings: Settings): string[] {
  const values = SETTINGS_DOC.filter((doc) => doc.secret).map((doc) => settings[doc.key]);
  const passwords = CONNECTION_KEYS.flatMap((key) => urlPasswordParts(settings[key]));
  const keys = SETTINGS_DOC.filter((doc) => doc.keyInUrl).flatMap((doc) => keyedUrlParts(String(settings[doc.key] ?? '')));
  return [...new Set([...values, ...passwords, ...keys].filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/** The settings by variable name for `polyb0t status`, with secrets shown as "***" and unset as null. */
export function describeSettings(settings: Settings): Record<string, string | number | boolean | null> {
  const described: Record<string, string | number | boolean | null> = {};
  for (const doc of SETTINGS_DOC) {
    const value: unknown = settings[doc.key];
    if (value === undefined || value === null) described[doc.variable] = null;
    else if (doc.secret) described[doc.variable] = MASKED_VALUE;
    else if (doc.keyInUrl) described[doc.variable] = maskKeyedUrl(String(value)) ?? MASKED_VALUE;
    else if (Array.isArray(value)) described[doc.variable] = value.join(',');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      described[doc.variable] = value;
    } else described[doc.variable] = String(value);
  }
  for (const key of CONNECTION_KEYS) {
    const variable = SETTINGS_DOC.find((doc) => doc.key === key)?.variable;
    if (variable !== undefined) described[variable] = maskUrlPassword(settings[key]);
  }
  return described;
}
