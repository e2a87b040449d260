import type { IncomingMessage } from 'node:http';

const rawBodies = new WeakMap<IncomingMessage, string>();

/** express.json `verify` hook: keeps the body exactly as sent, which the L2 HMAC covers. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  rawBodies.set(req, buf.toString('utf8'));
}

export function rawBody(req: IncomingMessage): string {
  return rawBodies.get(req) ?? '';
}
