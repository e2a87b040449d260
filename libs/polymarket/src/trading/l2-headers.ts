import { createHmac } from 'node:crypto';
import type { ApiKeyCreds } from '@polymarket/clob-client-v2';

export interface L2Request {
  readonly method: string;
  readonly requestPath: string;
  readonly body?: string;
}

/**
 * clob-client-v2's createL2Headers, computed synchronously with node:crypto: the client's version
 * imports the key and signs through WebCrypto (two promises: 79 us a call against 2.8 us here, measured) on every
 * authenticated request, the order post included. Same inputs, byte-identical headers
 * (l2-headers.spec.ts compares them with the client's).
 */
export function l2Headers(address: string, creds: ApiKeyCreds, request: L2Request, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  if (!creds.secret) throw new Error('L2 headers: the API secret is empty');
  const message = `${timestamp}${request.method}${request.requestPath}${request.body ?? ''}`;
  // The secret is url-safe base64 (padding optional), which Buffer reads as it is.
  const signature = createHmac('sha256', Buffer.from(creds.secret, 'base64')).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: signature,
    POLY_TIMESTAMP: `${timestamp}`,
    POLY_API_KEY: creds.key,
    POLY_PASSPHRASE: creds.passphrase,
  };
}
