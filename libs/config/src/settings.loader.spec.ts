import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from './settings.loader';
import { SettingsError } from './settings.error';

const PRIVATE_KEY = `0x${'ab'.repeat(32)}`;

function load(env: NodeJS.ProcessEnv) {
  return loadSettings(env, { envFile: false });
}

function errorOf(env: NodeJS.ProcessEnv): SettingsError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('loadSettings defaults', () => {
  it('gives every setting its documented default when nothing is set', () => {
    expect(load({})).toEqual({
      mode: 'paper',
      dryRun: true,
      confirmLive: false,
      loopIntervalSeconds: 10,
      intentExpirySeconds: 60,
      edgeThreshold: 0.05,
      forecasts: undefined,
      strategies: ['neg_risk_consistency', 'forecast_feed'],
      paperBankroll: 10000,
      kellyFraction: 0.25,
      maxPositionPct: 2,
      maxTotalExposurePct: 20,
      maxCategoryExposurePct: 10,
      maxNotionalPerMarket: 1000,
      maxOrdersPerHour: 20,
      maxDailyLossPct: 10,
      minLiquidity: 1000,
      minVolume24h: 0,
      maxSpread: 0.1,
      minHoursToResolution: 24,
      maxDaysToResolution: 365,
      requireOrderBook: true,
      requireAcceptingOrders: true,
      takeProfitPct: 10,
      stopLossPct: 5,
      timeExitDaysBefore: 2,
      maxDrawdownPct: 15,
      maxApiErrorRatePct: 50,
      apiErrorWindowSeconds: 300,
      apiErrorMinCalls: 20,
      maxStaleDataSeconds: 60,
      maxSpreadMultiplier: 3,
      orderType: 'GTC',
      maxSlippage: 0.02,
      gammaApiUrl: 'https://gamma-api.polymarket.com',
      clobApiUrl: 'https://clob.polymarket.com',
      clobWsUrl: 'wss://ws-subscriptions-clob.polymarket.com/ws',
      streaming: true,
      wsSilenceSeconds: 30,
      booksResyncCycles: 30,
      dataApiUrl: 'https://data-api.polymarket.com',
      polygonRpcUrl: 'https://polygon-rpc.com',
      httpTimeoutMs: 10000,
      httpMaxRetries: 3,
      booksBatchSize: 100,
      gammaPageSize: 100,
      gammaPagesInFlight: 4,
      maxMarkets: 0,
      polymarketWalletAddress: undefined,
      polygonPrivateKey: undefined,
      clobApiKey: undefined,
      clobApiSecret: undefined,
      clobPassphrase: undefined,
      signatureType: 0,
      funderAddress: undefined,
      apiToken: undefined,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/polybot',
      redisUrl: 'redis://127.0.0.1:6379',
      apiHost: '127.0.0.1',
      apiPort: 8000,
      metricsPort: 9464,
      logLevel: 'info',
      queuePrefix: 'polybot',
    });
  });

  it('returns a deeply frozen object', () => {
    const settings = load({});
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.strategies)).toBe(true);
    expect(() => {
      (settings as { dryRun: boolean }).dryRun = false;
    }).toThrow(TypeError);
  });

  it('treats an empty or blank value as unset', () => {
    const settings = load({ POLYBOT_LOOP_INTERVAL_SECONDS: '', POLYBOT_MODE: '   ', POLYBOT_FORECASTS: '' });
    expect(settings.loopIntervalSeconds).toBe(10);
    expect(settings.mode).toBe('paper');
    expect(settings.forecasts).toBeUndefined();
  });
});

describe('loadSettings parsing', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], ['Yes', true],
    ['false', false], ['False', false], ['0', false], ['no', false], ['NO', false],
  ])('reads the boolean %s as %s', (text, expected) => {
    expect(load({ POLYBOT_REQUIRE_ORDER_BOOK: text }).requireOrderBook).toBe(expected);
  });

  it('reads numbers, choices, URLs, lists and codes into typed values', () => {
    const settings = load({
      POLYBOT_MODE: 'LIVE',
      POLYBOT_CONFIRM_LIVE: 'yes',
      POLYBOT_LOOP_INTERVAL_SECONDS: '2.5',
      POLYBOT_EDGE_THRESHOLD: '.07',
      POLYBOT_MAX_NOTIONAL_PER_MARKET: '2.5e3',
      POLYBOT_ORDER_TYPE: 'fok',
      POLYBOT_LOG_LEVEL: 'DEBUG',
      POLYBOT_STRATEGIES: ' forecast_feed , neg_risk_consistency,forecast_feed ,',
      POLYBOT_SIGNATURE_TYPE: '2',
      POLYBOT_CLOB_API_URL: 'http://127.0.0.1:4010/',
      POLYBOT_CLOB_WS_URL: 'ws://127.0.0.1:4011/ws',
      POLYBOT_DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      POLYBOT_REDIS_URL: 'rediss://cache.internal:6380/2',
      POLYBOT_FORECASTS: './forecasts/today.csv',
      POLYBOT_POLYMARKET_WALLET_ADDRESS: `0x${'A1'.repeat(20)}`,
      POLYBOT_API_PORT: '0',
    });
    expect(settings).toMatchObject({
      mode: 'live',
      confirmLive: true,
      loopIntervalSeconds: 2.5,
      edgeThreshold: 0.07,
      maxNotionalPerMarket: 2500,
      orderType: 'FOK',
      logLevel: 'debug',
      strategies: ['forecast_feed', 'neg_risk_consistency'],
      signatureType: 2,
      clobApiUrl: 'http://127.0.0.1:4010',
      clobWsUrl: 'ws://127.0.0.1:4011/ws',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      redisUrl: 'rediss://cache.internal:6380/2',
      forecasts: './forecasts/today.csv',
      polymarketWalletAddress: `0x${'A1'.repeat(20)}`,
      apiPort: 0,
    });
  });

  it('accepts an http(s) forecasts URL', () => {
    expect(load({ POLYBOT_FORECASTS: 'https://example.org/f.json' }).forecasts).toBe('https://example.org/f.json');
  });

  it('accepts POLYBOT_DRY_RUN=false when a private key is set', () => {
    const settings = load({ POLYBOT_DRY_RUN: 'false', POLYBOT_POLYGON_PRIVATE_KEY: PRIVATE_KEY });
    expect(settings.dryRun).toBe(false);
    expect(settings.polygonPrivateKey).toBe(PRIVATE_KEY);
  });
});

describe('loadSettings errors', () => {
  it('names the variable, what it expects and what it got', () => {
    const error = errorOf({ POLYBOT_LOOP_INTERVAL_SECONDS: 'abc' });
    expect(error.message).toBe('POLYBOT_LOOP_INTERVAL_SECONDS: expected a number of seconds > 0, got "abc"');
    expect(error.issues).toEqual([
      { variable: 'POLYBOT_LOOP_INTERVAL_SECONDS', expected: 'a number of seconds > 0', received: 'abc' },
    ]);
  });

  it.each([
    ['POLYBOT_DRY_RUN', 'maybe', 'a boolean (true/false, 1/0 or yes/no)'],
    ['POLYBOT_MODE', 'real', 'one of paper, live'],
    ['POLYBOT_CONFIRM_LIVE', 'true', '"yes" (or unset)'],
    ['POLYBOT_LOOP_INTERVAL_SECONDS', '0', 'a number of seconds > 0'],
    ['POLYBOT_LOOP_INTERVAL_SECONDS', 'Infinity', 'a number of seconds > 0'],
    ['POLYBOT_LOOP_INTERVAL_SECONDS', '0x10', 'a number of seconds > 0'],
    ['POLYBOT_EDGE_THRESHOLD', '1', 'a number in (0, 1)'],
    ['POLYBOT_KELLY_FRACTION', '1.5', 'a number in (0, 1]'],
    ['POLYBOT_MAX_POSITION_PCT', '150', 'a number of percent in (0, 100]'],
    ['POLYBOT_MAX_ORDERS_PER_HOUR', '2.5', 'a whole number of orders >= 1'],
    ['POLYBOT_MIN_LIQUIDITY', '-1', 'a number of USD >= 0'],
    ['POLYBOT_BOOKS_BATCH_SIZE', '501', 'a whole number in [1, 500]'],
    ['POLYBOT_GAMMA_PAGE_SIZE', '0', 'a whole number in [1, 500]'],
    ['POLYBOT_GAMMA_PAGES_IN_FLIGHT', '17', 'a whole number of pages in [1, 16]'],
    ['POLYBOT_API_PORT', '70000', 'a whole number in [0, 65535]'],
    ['POLYBOT_ORDER_TYPE', 'IOC', 'one of GTC, GTD, FOK, FAK'],
    ['POLYBOT_LOG_LEVEL', 'verbose', 'one of trace, debug, info, warn, error'],
    ['POLYBOT_SIGNATURE_TYPE', '4', 'one of 0, 1, 2, 3'],
    ['POLYBOT_GAMMA_API_URL', 'ftp://gamma.example', 'a URL starting with http:// or https://'],
    ['POLYBOT_GAMMA_API_URL', 'not a url', 'a URL starting with http:// or https://'],
    ['POLYBOT_CLOB_WS_URL', 'https://ws.example/ws', 'a URL starting with ws:// or wss://'],
    ['POLYBOT_DATABASE_URL', 'mysql://db/polybot', 'a URL starting with postgres:// or postgresql://'],
    ['POLYBOT_REDIS_URL', 'http://127.0.0.1:6379', 'a URL starting with redis:// or rediss://'],
    ['POLYBOT_FORECASTS', 'ftp://example.org/f.csv', 'a file path or an http(s) URL of a JSON or CSV forecasts file'],
    ['POLYBOT_STRATEGIES', 'Forecast-Feed', 'a comma-separated list of strategy names (lower_snake_case)'],
    ['POLYBOT_STRATEGIES', ',,', 'a comma-separated list of strategy names (lower_snake_case)'],
    ['POLYBOT_POLYMARKET_WALLET_ADDRESS', '0x1234', 'an address (0x followed by 40 hex digits)'],
    ['POLYBOT_FUNDER_ADDRESS', 'vitalik.eth', 'an address (0x followed by 40 hex digits)'],
    ['POLYBOT_QUEUE_PREFIX', 'poly bot', 'a key prefix of letters, digits, _ . : -'],
  ])('%s=%j fails with "expected %s"', (variable, value, expected) => {
    const error = errorOf({ [variable]: value });
    expect(error.message).toBe(`${variable}: expected ${expected}, got ${JSON.stringify(value)}`);
    expect(error.issues).toEqual([{ variable, expected, received: value }]);
  });

  it('lists every bad variable, one line each', () => {
    const error = errorOf({ POLYBOT_MODE: 'real', POLYBOT_MAX_SPREAD: '2', POLYBOT_API_PORT: 'http' });
    expect(error.message.split('\n')).toEqual([
      'POLYBOT_MODE: expected one of paper, live, got "real"',
      'POLYBOT_MAX_SPREAD: expected a number in (0, 1], got "2"',
      'POLYBOT_API_PORT: expected a whole number in [0, 65535], got "http"',
    ]);
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'POLYBOT_MODE',
      'POLYBOT_MAX_SPREAD',
      'POLYBOT_API_PORT',
    ]);
  });

  it('refuses POLYBOT_DRY_RUN=false without a private key and says why', () => {
    const error = errorOf({ POLYBOT_DRY_RUN: 'false' });
    expect(error.message).toBe(
      'POLYBOT_POLYGON_PRIVATE_KEY: expected a private key (0x followed by 64 hex digits), ' +
        'because POLYBOT_DRY_RUN=false places real orders, got nothing (unset)',
    );
  });
});

describe('loadSettings: the cycle and the STALE_DATA limit', () => {
  it('refuses a loop interval at or above the stale-data limit, naming both', () => {
    expect(errorOf({ POLYBOT_LOOP_INTERVAL_SECONDS: '60' }).message).toBe(
      'POLYBOT_LOOP_INTERVAL_SECONDS: expected a number of seconds below POLYBOT_MAX_STALE_DATA_SECONDS (60), because market data ' +
        'is renewed at least once a cycle and older data trips the STALE_DATA kill switch, got "60"',
    );
    expect(errorOf({ POLYBOT_LOOP_INTERVAL_SECONDS: '30', POLYBOT_MAX_STALE_DATA_SECONDS: '20' }).issues).toEqual([
      expect.objectContaining({ variable: 'POLYBOT_LOOP_INTERVAL_SECONDS', received: '30' }),
    ]);
  });

  it('accepts a loop interval just below the limit, and a longer one with a longer limit', () => {
    expect(load({ POLYBOT_LOOP_INTERVAL_SECONDS: '59' }).loopIntervalSeconds).toBe(59);
    expect(load({ POLYBOT_LOOP_INTERVAL_SECONDS: '120', POLYBOT_MAX_STALE_DATA_SECONDS: '300' }).maxStaleDataSeconds).toBe(300);
  });
});

describe('loadSettings secrets in errors', () => {
  const planted = `0x${'c0ffee'.repeat(10)}abcd`; // 64 hex digits: shaped like a real key

  it('shows a bad secret as <redacted>', () => {
    const badKey = `${planted}zz`;
    const error = errorOf({ POLYBOT_POLYGON_PRIVATE_KEY: badKey });
    expect(error.message).toBe(
      'POLYBOT_POLYGON_PRIVATE_KEY: expected a private key (0x followed by 64 hex digits), got "<redacted>"',
    );
    expect(error.issues[0].received).toBe('<redacted>');
    expect(JSON.stringify(error.issues)).not.toContain(planted.slice(2, 20));
    expect(error.stack).not.toContain(planted.slice(2, 20));
  });

  it('redacts a private key pasted into a non-secret variable', () => {
    const error = errorOf({ POLYBOT_POLYMARKET_WALLET_ADDRESS: planted });
    expect(error.message).toContain('got "<redacted>"');
    expect(error.message).not.toContain(planted.slice(2, 20));
  });

  it('redacts a value that contains another secret setting', () => {
    const error = errorOf({ POLYBOT_CLOB_API_SECRET: 'hunter2-clob-secret', POLYBOT_API_HOST: 'host hunter2-clob-secret' });
    expect(error.message).toBe('POLYBOT_API_HOST: expected a host name or IP address, got "<redacted>"');
  });

  it('masks the password of a bad connection URL', () => {
    const error = errorOf({ POLYBOT_DATABASE_URL: 'mysql://admin:s3cr3t-pw@db:3306/polybot' });
    expect(error.message).toBe(
      'POLYBOT_DATABASE_URL: expected a URL starting with postgres:// or postgresql://, got "mysql://admin:***@db:3306/polybot"',
    );
  });

  it('shows a bad RPC URL as scheme://host/***, or not at all when it is no URL', () => {
    const key = 'rpc-key-0123456789abcdef';
    expect(errorOf({ POLYBOT_POLYGON_RPC_URL: `wss://polygon-mainnet.g.alchemy.com/v2/${key}` }).message).toBe(
      'POLYBOT_POLYGON_RPC_URL: expected a URL starting with http:// or https://, got "wss://polygon-mainnet.g.alchemy.com/***"',
    );
    const schemeless = errorOf({ POLYBOT_POLYGON_RPC_URL: `polygon-mainnet.g.alchemy.com/v2/${key}` });
    expect(schemeless.message).toContain('got "<redacted>"');
    // The key pasted into another variable is redacted there too.
    const elsewhere = errorOf({ POLYBOT_POLYGON_RPC_URL: `https://polygon-mainnet.g.alchemy.com/v2/${key}`, POLYBOT_API_HOST: `/v2/${key}` });
    expect(elsewhere.message).toBe('POLYBOT_API_HOST: expected a host name or IP address, got "<redacted>"');
  });
});

describe('loadSettings .env file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'polybot-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeEnvFile(text: string): string {
    const path = join(dir, '.env');
    writeFileSync(path, text);
    return path;
  }

  it('reads settings from the file without touching process.env', () => {
    const path = writeEnvFile('# comment\nPOLYBOT_MAX_SPREAD=0.04\nPOLYBOT_MODE="live"\nPOLYBOT_STRATEGIES=forecast_feed\n');
    const settings = loadSettings({}, { envFile: path });
    expect(settings).toMatchObject({ maxSpread: 0.04, mode: 'live', strategies: ['forecast_feed'] });
    expect(process.env['POLYBOT_MAX_SPREAD']).toBeUndefined();
  });

  it('lets a real environment variable win over the file, but not a blank one', () => {
    const path = writeEnvFile('POLYBOT_MAX_SPREAD=0.04\nPOLYBOT_API_PORT=9000\n');
    const settings = loadSettings({ POLYBOT_MAX_SPREAD: '0.2', POLYBOT_API_PORT: '' }, { envFile: path });
    expect(settings.maxSpread).toBe(0.2);
    expect(settings.apiPort).toBe(9000);
  });

  it('reports a bad value from the file like one from the environment', () => {
    const path = writeEnvFile('POLYBOT_KELLY_FRACTION=half\n');
    expect(() => loadSettings({}, { envFile: path })).toThrow(
      'POLYBOT_KELLY_FRACTION: expected a number in (0, 1], got "half"',
    );
  });

  it('reads .env from the working directory by default and ignores a missing one', () => {
    writeEnvFile('POLYBOT_LOOP_INTERVAL_SECONDS=3\n');
    const before = process.cwd();
    try {
      process.chdir(dir);
      expect(loadSettings({}).loopIntervalSeconds).toBe(3);
      rmSync(join(dir, '.env'));
      expect(loadSettings({}).loopIntervalSeconds).toBe(10);
    } finally {
      process.chdir(before);
    }
  });

  it('fails clearly when an explicitly named file is missing', () => {
    const path = join(dir, 'missing.env');
    expect(() => loadSettings({}, { envFile: path })).toThrow(`${path}: expected a readable .env file, got "ENOENT"`);
  });
});
