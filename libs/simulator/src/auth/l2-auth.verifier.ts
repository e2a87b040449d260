import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyRegistry } from './api-credentials';
import { polyHeader } from './l1-auth.verifier';

export const UNAUTHORIZED = 'Unauthorized/Invalid api key';

export interface L2Request {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  /** Path relative to the CLOB host, without the query string ('/order', '/data/orders'). */
  readonly path: string;
  /** The raw request body as sent; '' when there is none. */
  readonly body: string;
}

export interface AuthenticatedOwner {
  readonly apiKey: string;
  readonly address: string;
}

/** clob-client-v2's HMAC: base64 output with '+' -> '-' and '/' -> '_', padding kept. */
export function polyHmac(secret: string, message: string): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return createHmac('sha256', key).update(message).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The owner proven by L2 headers, or null (the caller answers 401). */
export function verifyL2Request(keys: ApiKeyRegistry, req: L2Request): AuthenticatedOwner | null {
  const address = polyHeader(req.headers, 'POLY_ADDRESS');
  const apiKey = polyHeader(req.headers, 'POLY_API_KEY');
  const passphrase = polyHeader(req.headers, 'POLY_PASSPHRASE');
  const timestamp = polyHeader(req.headers, 'POLY_TIMESTAMP');
  const signature = polyHeader(req.headers, 'POLY_SIGNATURE');
  if (!address || !apiKey || !passphrase || !timestamp || !signature || !/^\d+$/.test(timestamp)) return null;
  const creds = keys.lookup(apiKey);
  if (!creds || creds.address !== address.toLowerCase() || creds.passphrase !== passphrase) return null;
  const expected = Buffer.from(polyHmac(creds.secret, `${timestamp}${req.method.toUpperCase()}${req.path}${req.body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { apiKey, address: creds.address };
}
