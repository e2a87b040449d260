import { describe, expect, it } from '@jest/globals';
import { censorSecretKeys } from './secret-keys.censor';

describe('censorSecretKeys', () => {
  it('censors secret keys at the top and up to two levels below, arrays counting as a level', () => {
    const logged = {
      privateKey: 'a',
      creds: { passphrase: 'b', inner: { apiKey: 'c', deeper: { secret: 'kept: three levels down' } } },
      accounts: [{ token: 'd' }, { name: 'visible' }],
      market: 'visible',
    };
    expect(censorSecretKeys(logged)).toEqual({
      privateKey: '[REDACTED]',
      creds: { passphrase: '[REDACTED]', inner: { apiKey: '[REDACTED]', deeper: { secret: 'kept: three levels down' } } },
      accounts: [{ token: '[REDACTED]' }, { name: 'visible' }],
      market: 'visible',
    });
  });

  it("censors a secret key's value whatever it is, an object included", () => {
    expect(censorSecretKeys({ authorization: { scheme: 'Bearer', value: 'x' }, password: 1234 })).toEqual({ authorization: '[REDACTED]', password: '[REDACTED]' });
  });

  it("never changes the caller's object, and returns it as it is when it holds no secret key", () => {
    const logged = { req: { headers: { authorization: 'Bearer x', host: 'h' } }, list: [{ secret: 's' }] };
    const before = structuredClone(logged);
    const censored = censorSecretKeys(logged);
    expect(logged).toEqual(before);
    expect(censored.req).not.toBe(logged.req);
    const plain = { order: { side: 'BUY', price: 0.41 }, steps: [1, 2] };
    expect(censorSecretKeys(plain)).toBe(plain);
  });

  it('leaves byte arrays and dates alone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const at = new Date(0);
    const logged = { bytes, at };
    expect(censorSecretKeys(logged)).toBe(logged);
  });
});
