export const MASKED_VALUE = '***';

/** The URL, or undefined when the text is not one. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The password of a connection string (postgres://user:PASSWORD@host/db), as written and decoded, for the logger to scrub. */
export function urlPasswordParts(text: string): string[] {
  const password = parseUrl(text)?.password ?? '';
  return password === '' ? [] : [password, safeDecode(password)];
}

/** A connection string with its password (only) shown as "***". */
export function maskUrlPassword(text: string): string {
  const url = parseUrl(text);
  if (url === undefined || url.password === '') return text;
  url.password = MASKED_VALUE;
  return url.toString();
}

/**
 * A keyed endpoint's URL as scheme://host[:port], with "***" for its userinfo and for everything
 * after the host: RPC providers (Alchemy, Infura, QuickNode...) put the API key in the path, the
 * query or the userinfo, so nothing there is safe to show. Undefined when the text is not a URL.
 */
export function maskKeyedUrl(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined) return undefined;
  const userinfo = url.username !== '' || url.password !== '' ? `${MASKED_VALUE}@` : '';
  const rest = url.pathname !== '/' || url.search !== '' || url.hash !== '' ? `/${MASKED_VALUE}` : '';
  return `${url.protocol}//${userinfo}${url.host}${rest}`;
}

/**
 * The parts of a keyed endpoint's URL that maskKeyedUrl hides, as written and decoded, for the
 * logger to scrub. Whole parts, not path segments, and the user name only with its "@": a
 * segment like "polygon" or a name like "user" is no secret and would mangle ordinary log text.
 */
export function keyedUrlParts(text: string): string[] {
  const url = parseUrl(text);
  if (url === undefined) return [];
  const userinfo = url.username === '' && url.password === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  const parts = [userinfo, url.password, url.pathname === '/' ? '' : url.pathname, url.search.slice(1), url.hash.slice(1)];
  return parts.filter((part) => part !== '').flatMap((part) => [part, safeDecode(part)]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
