import { createHash } from 'node:crypto';

export interface ApiCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join(':')).digest();
}

function uuid(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The same address and nonce always get the same credentials (so createOrDeriveApiKey works across
 * restarts), and every issued key is remembered so L2 requests can be checked against it.
 */
export class ApiKeyRegistry {
  private readonly byKey = new Map<string, ApiCredentials & { readonly address: string }>();

  constructor(private readonly venueSecret: string) {}

  issue(address: string, nonce = '0'): ApiCredentials {
    const owner = address.toLowerCase();
    const creds: ApiCredentials = {
      apiKey: uuid(digest(this.venueSecret, 'key', owner, nonce)),
      secret: digest(this.venueSecret, 'secret', owner, nonce).toString('base64'),
      passphrase: digest(this.venueSecret, 'passphrase', owner, nonce).toString('hex'),
    };
    this.byKey.set(creds.apiKey, { ...creds, address: owner });
    return creds;
  }

  /** The key's credentials and lower-cased owner address, if it was ever issued. */
  lookup(apiKey: string): (ApiCredentials & { readonly address: string }) | undefined {
    return this.byKey.get(apiKey);
  }
}
