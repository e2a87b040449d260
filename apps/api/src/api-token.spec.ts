import { apiActor, bearerSecret, DEFAULT_TOKEN_NAME, parseApiToken, secretsMatch } from './api-token';

describe('parseApiToken', () => {
  it('reads name:secret as a named token, and a bare secret under the default name', () => {
    expect(parseApiToken('alice:s3cr3t-value')).toEqual({ name: 'alice', secret: 's3cr3t-value' });
    expect(parseApiToken('s3cr3t-value')).toEqual({ name: DEFAULT_TOKEN_NAME, secret: 's3cr3t-value' });
  });

  it('keeps colons after the name in the secret, and takes an odd prefix as part of the secret', () => {
    expect(parseApiToken('ops:a:b:c')).toEqual({ name: 'ops', secret: 'a:b:c' });
    expect(parseApiToken('not a name:x')).toEqual({ name: DEFAULT_TOKEN_NAME, secret: 'not a name:x' });
  });

  it('is undefined when no token is set', () => {
    expect(parseApiToken(undefined)).toBeUndefined();
    expect(parseApiToken('')).toBeUndefined();
  });
});

describe('apiActor', () => {
  it('is api:<token name> with a token and api without', () => {
    expect(apiActor({ name: 'alice', secret: 'x' })).toBe('api:alice');
    expect(apiActor(undefined)).toBe('api');
  });
});

describe('secretsMatch (constant-time comparison)', () => {
  it('accepts exactly the expected secret', () => {
    expect(secretsMatch('s3cr3t', 's3cr3t')).toBe(true);
  });

  it('refuses a different secret of the same length, a prefix, a longer one and an empty one without throwing', () => {
    // timingSafeEqual throws on unequal lengths; hashing first makes every length comparable.
    expect(secretsMatch('s3cr3u', 's3cr3t')).toBe(false);
    expect(secretsMatch('s3cr3', 's3cr3t')).toBe(false);
    expect(secretsMatch('s3cr3t-and-more', 's3cr3t')).toBe(false);
    expect(secretsMatch('', 's3cr3t')).toBe(false);
  });
});

describe('bearerSecret', () => {
  it('reads the secret of a Bearer header, any case, and nothing else', () => {
    expect(bearerSecret('Bearer abc.def')).toBe('abc.def');
    expect(bearerSecret('bearer abc')).toBe('abc');
    expect(bearerSecret('Basic abc')).toBeUndefined();
    expect(bearerSecret('Bearer')).toBeUndefined();
    expect(bearerSecret('Bearer a b')).toBeUndefined();
    expect(bearerSecret(undefined)).toBeUndefined();
  });
});
