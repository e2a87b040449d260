import { describeSettings, secretValues } from './settings.describe';
import { loadSettings } from './settings.loader';

const PRIVATE_KEY = `0x${'5e'.repeat(32)}`;
const RPC_KEY = 'alch-0123456789abcdefABCDEF';

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

  it('lists the key-bearing parts of the RPC URL (path, query, userinfo), never its bare host', () => {
    const withPath = secretValues(load({ POLYBOT_POLYGON_RPC_URL: `https://polygon-mainnet.g.alchemy.com/v2/${RPC_KEY}` }));
    expect(withPath).toEqual([`/v2/${RPC_KEY}`]);
    const withQuery = secretValues(load({ POLYBOT_POLYGON_RPC_URL: `https://rpc.example.com/polygon?apikey=${RPC_KEY}%21` }));
    expect(withQuery.sort()).toEqual(['/polygon', `apikey=${RPC_KEY}!`, `apikey=${RPC_KEY}%21`].sort());
    expect(secretValues(load({ POLYBOT_POLYGON_RPC_URL: `https://user:${RPC_KEY}@rpc.example.com` })).sort()).toEqual([RPC_KEY, `user:${RPC_KEY}@`].sort());
    expect(secretValues(load({ POLYBOT_POLYGON_RPC_URL: `https://${RPC_KEY}@rpc.example.com` }))).toEqual([`${RPC_KEY}@`]);
    expect(secretValues(load({}))).toEqual([]);
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

  it('shows a keyed RPC URL as scheme://host[:port], with its path, query and userinfo masked', () => {
    const rpc = (url: string) => describeSettings(load({ POLYBOT_POLYGON_RPC_URL: url })).POLYBOT_POLYGON_RPC_URL;
    expect(rpc(`https://polygon-mainnet.g.alchemy.com/v2/${RPC_KEY}`)).toBe('https://polygon-mainnet.g.alchemy.com/***');
    expect(rpc(`https://polygon-mainnet.infura.io/v3/${RPC_KEY}`)).toBe('https://polygon-mainnet.infura.io/***');
    expect(rpc(`https://example.matic.quiknode.pro/${RPC_KEY}/`)).toBe('https://example.matic.quiknode.pro/***');
    expect(rpc(`https://rpc.example.com:8545?apikey=${RPC_KEY}`)).toBe('https://rpc.example.com:8545/***');
    expect(rpc(`https://${RPC_KEY}:x@rpc.example.com`)).toBe('https://***@rpc.example.com');
    // Nothing to hide: shown as it is.
    expect(rpc('https://polygon-rpc.com')).toBe('https://polygon-rpc.com');
    expect(rpc('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
  });
});
