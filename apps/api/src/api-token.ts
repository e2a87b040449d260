import { createHash, timingSafeEqual } from 'node:crypto';

/** The configured POLYBOT_API_TOKEN: its secret, and the name recorded as the approver. */
export interface ApiToken {
  readonly name: string;
  readonly secret: string;
}

/** The name recorded when POLYBOT_API_TOKEN is a bare secret. */
export const DEFAULT_TOKEN_NAME = 'operator';
const NAMED_TOKEN = /^([A-Za-z0-9_.-]{1,40}):(.+)$/;

/** `name:secret` names the approver; anything else (no colon, or an odd prefix) is the secret as a whole. */
export function parseApiToken(setting: string | undefined): ApiToken | undefined {
  if (setting === undefined || setting === '') return undefined;
  const named = NAMED_TOKEN.exec(setting);
  return named ? { name: named[1], secret: named[2] } : { name: DEFAULT_TOKEN_NAME, secret: setting };
}

/** The actor stored as decided_by for decisions made through the API. */
export function apiActor(token: ApiToken | undefined): string {
  return token ? `api:${token.name}` : 'api';
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the presented secret is the expected one, in time that does not depend on where they
 * differ nor on the presented length: both are hashed to 32 bytes before timingSafeEqual.
 */
export function secretsMatch(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The secret of an `Authorization: Bearer <secret>` header, or undefined. */
export function bearerSecret(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
