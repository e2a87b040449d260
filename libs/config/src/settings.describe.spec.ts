import { describeSettings, secretValues } from './settings.describe';
import { loadSettings } from './settings.loader';

const PRIVATE_KEY = `0x${'5e'.repeat(32)}`;

function load(env: NodeJS.ProcessEnv) {
  return loadSettings(env, { envFile: false });
}

describe('secretValues', () => {
  it('is empty when no secret is set', () => {
    expect(secretValues(load({}))).toEqual([]);
  });

  it('lists every secret that is set, plus connection URL passwords', () => {
    const settings = load({
      POLYBOT_POLYGON_PRIVATE_KEY: PRIVATE_KEY,
      POLYBOT_CLOB_API_KEY: 'clob-key',
      POLYBOT_CLOB_API_SECRET: 'clob-secret',
      POLYBOT_CLOB_PASSPHRASE: 'clob-pass',
      POLYBOT_API_TOKEN: 'api-token',
      POLYBOT_DATABASE_URL: 'postgres://polybot:pa%40ss@db:5432/polybot',
      POLYBOT_REDIS_URL: 'redis://:redis-pw@cache:6379',
    });
    expect(secretValues(settings).sort()).toEqual(
      [PRIVATE_KEY, 'clob-key', 'clob-secret', 'clob-pass', 'api-token', 'pa%40ss', 'pa@ss', 'redis-pw'].sort(),
    );
  });
});

describe('describeSettings', () => {
  it('shows every variable by name, secrets as *** and unset values as null', () => {
    const described = describeSettings(
      load({
        POLYBOT_POLYGON_PRIVATE_KEY: PRIVATE_KEY,
        POLYBOT_CLOB_API_KEY: 'clob-key',
        POLYBOT_DATABASE_URL: 'postgres://polybot:db-pw@db:5432/polybot',
      }),
    );
    expect(Object.keys(described)).toHaveLength(64);
    expect(described).toMatchObject({
      POLYBOT_MODE: 'paper',
      POLYBOT_DRY_RUN: true,
      POLYBOT_LOOP_INTERVAL_SECONDS: 10,
      POLYBOT_STRATEGIES: 'neg_risk_consistency,forecast_feed',
      POLYBOT_FORECASTS: null,
      POLYBOT_POLYGON_PRIVATE_KEY: '***',
      POLYBOT_CLOB_API_KEY: '***',
      POLYBOT_CLOB_API_SECRET: null,
      POLYBOT_SIGNATURE_TYPE: 0,
      POLYBOT_DATABASE_URL: 'postgres://polybot:***@db:5432/polybot',
      POLYBOT_REDIS_URL: 'redis://127.0.0.1:6379',
    });
    const text = JSON.stringify(described);
    expect(text).not.toContain(PRIVATE_KEY);
    expect(text).not.toContain('clob-key');
    expect(text).not.toContain('db-pw');
  });
});
