import { SETTINGS_DOC } from './settings.catalog';
import type { Settings } from './settings.schema';

export const MASKED_VALUE = '***';

// Connection strings are not secrets as a whole, but a password inside one is.
const CONNECTION_KEYS = ['databaseUrl', 'redisUrl'] as const;

/** Every non-empty secret value (and URL password), for the logger to scrub from output. */
export function secretValues(settings: Settings): string[] {
  const values = SETTINGS_DOC.filter((doc) => doc.secret).map((doc) => settings[doc.key]);
  const passwords = CONNECTION_KEYS.flatMap((key) => {
    const password = urlPassword(settings[key]);
    return password === undefined ? [] : [password, decodeURIComponent(password)];
  });
  return [...new Set([...values, ...passwords].filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/** The settings by variable name for `polyb0t status`, with secrets shown as "***" and unset as null. */
export function describeSettings(settings: Settings): Record<string, string | number | boolean | null> {
  const described: Record<string, string | number | boolean | null> = {};
  for (const doc of SETTINGS_DOC) {
    const value: unknown = settings[doc.key];
    if (value === undefined || value === null) described[doc.variable] = null;
    else if (doc.secret) described[doc.variable] = MASKED_VALUE;
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

function urlPassword(text: string): string | undefined {
  try {
    const password = new URL(text).password;
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

function maskUrlPassword(text: string): string {
  if (urlPassword(text) === undefined) return text;
  const url = new URL(text);
  url.password = MASKED_VALUE;
  return url.toString();
}
