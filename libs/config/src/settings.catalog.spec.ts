import { SETTINGS_PREFIX } from './setting-definition';
import { SETTINGS_CATALOG, SETTINGS_DOC, SETTING_KEYS } from './settings.catalog';

function camelCaseOf(variable: string): string {
  return variable
    .slice(SETTINGS_PREFIX.length)
    .toLowerCase()
    .replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

describe('SETTINGS_CATALOG', () => {
  it.each(SETTING_KEYS)('%s is the camelCase of its POLYBOT_ variable', (key) => {
    const { variable } = SETTINGS_CATALOG[key];
    expect(variable.startsWith(SETTINGS_PREFIX)).toBe(true);
    expect(camelCaseOf(variable)).toBe(key);
  });

  it('has one entry per variable', () => {
    const variables = SETTINGS_DOC.map((doc) => doc.variable);
    expect(new Set(variables).size).toBe(variables.length);
    expect(variables).toHaveLength(64);
  });

  it('marks exactly the credentials that are secrets', () => {
    expect(SETTINGS_DOC.filter((doc) => doc.secret).map((doc) => doc.variable)).toEqual([
      'POLYBOT_POLYGON_PRIVATE_KEY',
      'POLYBOT_CLOB_API_KEY',
      'POLYBOT_CLOB_API_SECRET',
      'POLYBOT_CLOB_PASSPHRASE',
      'POLYBOT_API_TOKEN',
      'POLYBOT_WEBHOOK_URL',
    ]);
  });

  it('marks the URLs that may carry an API key', () => {
    expect(SETTINGS_DOC.filter((doc) => doc.keyInUrl).map((doc) => doc.variable)).toEqual(['POLYBOT_POLYGON_RPC_URL']);
  });

  it.each(SETTING_KEYS)('the documented default of %s parses to the value used when unset', (key) => {
    const definition = SETTINGS_CATALOG[key];
    const whenUnset = definition.schema.parse(undefined);
    if (definition.default === undefined) return;
    expect(definition.schema.parse(definition.default)).toEqual(whenUnset);
  });
});
