import { createLogger } from './logger';
import { registerSecret } from './secret-registry';

type Line = Record<string, unknown>;

function capture() {
  const raw: string[] = [];
  return {
    raw,
    destination: { write: (line: string) => void raw.push(line) },
    lines: (): Line[] => raw.map((line) => JSON.parse(line) as Line),
  };
}

describe('createLogger line format', () => {
  it('writes one JSON line with timestamp, upper-case level, message, service and bound fields', () => {
    const out = capture();
    const logger = createLogger({ service: 'risk', destination: out.destination });
    logger.child({ cycle_id: 'cycle-1' }).info({ intent_id: 'intent-7', edge: 0.065 }, 'Created trade intent');

    expect(out.raw).toHaveLength(1);
    expect(out.raw[0].endsWith('\n')).toBe(true);
    const [line] = out.lines();
    expect(Object.keys(line).sort()).toEqual(['cycle_id', 'edge', 'intent_id', 'level', 'message', 'service', 'timestamp']);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'Created trade intent',
      service: 'risk',
      cycle_id: 'cycle-1',
      intent_id: 'intent-7',
      edge: 0.065,
    });
    expect(line['timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(new Date(line['timestamp'] as string).toISOString()).toBe(line['timestamp']);
  });

  it('names each level in upper case and drops lines below the configured level', () => {
    const out = capture();
    const logger = createLogger({ service: 'api', level: 'debug', destination: out.destination });
    logger.trace('hidden');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(out.lines().map((line) => line['level'])).toEqual(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
  });

  it('serialises an Error under err with its type, message and stack', () => {
    const out = capture();
    createLogger({ service: 'executor', destination: out.destination }).error({ err: new RangeError('boom') }, 'failed');
    const err = out.lines()[0]['err'] as Record<string, unknown>;
    expect(err).toMatchObject({ type: 'RangeError', message: 'boom' });
    expect(err['stack']).toContain('RangeError: boom');
  });
});

describe('createLogger secret redaction', () => {
  const PLANTED_KEY = `0x${'4b1d'.repeat(16)}`;
  const PLANTED_TOKEN = 'tok_"quoted"\\secret';

  function everything(logger: ReturnType<typeof createLogger>): void {
    logger.info(`signing with ${PLANTED_KEY}`);
    logger.info({ wallet: { signer: { pk: PLANTED_KEY } } }, 'nested field');
    logger.info({ note: `key=${PLANTED_KEY};` }, 'inside a string field');
    logger.error({ err: new Error(`bad key ${PLANTED_KEY}`) }, 'error message and stack');
    logger.error(new Error(`thrown with ${PLANTED_KEY}`));
    logger.warn({ list: [PLANTED_KEY, 'other'] }, 'in an array');
    logger.child({ signer: PLANTED_KEY }).info('bound on a child');
  }

  it('never writes a secret passed at creation, wherever it appears', () => {
    const out = capture();
    everything(createLogger({ service: 'executor', destination: out.destination, secrets: [PLANTED_KEY] }));
    expect(out.raw).toHaveLength(7);
    for (const line of out.raw) {
      expect(line).not.toContain(PLANTED_KEY);
      expect(line).not.toContain(PLANTED_KEY.slice(2));
      expect(line).toContain('[REDACTED]');
      expect(() => JSON.parse(line)).not.toThrow();
    }
    const errorLine = out.lines()[3]['err'] as Record<string, string>;
    expect(errorLine['message']).toBe('bad key [REDACTED]');
    expect(errorLine['stack']).toMatch(/^Error: bad key \[REDACTED\]\n\s+at /);
  });

  it('scrubs a secret registered after the logger was created, in every logger and child', () => {
    const out = capture();
    const logger = createLogger({ service: 'api', destination: out.destination });
    const child = logger.child({ cycle_id: 'c' });
    registerSecret(PLANTED_TOKEN);
    child.info({ header: `Bearer ${PLANTED_TOKEN}` }, `token ${PLANTED_TOKEN}`);
    logger.error({ err: new Error(PLANTED_TOKEN) }, 'with quotes and backslashes');
    for (const line of out.raw) {
      expect(line).not.toContain('tok_');
      expect(JSON.stringify(JSON.parse(line))).not.toContain('secret');
    }
    expect(out.lines()[0]).toMatchObject({ message: 'token [REDACTED]', header: 'Bearer [REDACTED]' });
  });

  it('censors secret keys by name, top level and nested, whatever their value', () => {
    const out = capture();
    createLogger({ service: 'executor', destination: out.destination }).info(
      {
        privateKey: 'pk-unregistered-1',
        apiSecret: 'as-unregistered-2',
        creds: { passphrase: 'pp-unregistered-3', api_key: 'ak-unregistered-4', secret: 'sc-unregistered-5' },
        req: { headers: { authorization: 'Bearer au-unregistered-6' } },
        token: 'tk-unregistered-7',
        market: 'still visible',
      },
      'credentials object',
    );
    const [raw] = out.raw;
    expect(raw).not.toMatch(/unregistered/);
    expect(out.lines()[0]).toMatchObject({
      privateKey: '[REDACTED]',
      apiSecret: '[REDACTED]',
      creds: { passphrase: '[REDACTED]', api_key: '[REDACTED]', secret: '[REDACTED]' },
      req: { headers: { authorization: '[REDACTED]' } },
      token: '[REDACTED]',
      market: 'still visible',
    });
  });

  it('censors secret keys bound on a child logger', () => {
    const out = capture();
    const child = createLogger({ service: 'executor', destination: out.destination }).child({ apiKey: 'ak-unregistered-8', venue: 'live' });
    child.info('bound');
    child.child({ creds: { secret: 'sc-unregistered-9' } }).info({ order: { side: 'BUY' } }, 'grandchild');
    expect(out.raw.join('')).not.toMatch(/unregistered/);
    expect(out.lines()[0]).toMatchObject({ apiKey: '[REDACTED]', venue: 'live', message: 'bound' });
    expect(out.lines()[1]).toMatchObject({ apiKey: '[REDACTED]', creds: { secret: '[REDACTED]' }, order: { side: 'BUY' }, message: 'grandchild' });
  });

  it('ignores values too short to be credentials', () => {
    const out = capture();
    registerSecret('ab');
    registerSecret('');
    registerSecret(undefined);
    createLogger({ service: 'api', destination: out.destination }).info('about a table');
    expect(out.lines()[0]['message']).toBe('about a table');
  });
});
