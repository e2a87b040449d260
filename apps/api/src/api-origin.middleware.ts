import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isLoopbackHost } from './api-exposure.check';
import type { ApiToken } from './api-token';

// Reads only. Every other method changes something (approve, reject, clear a kill switch...).
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

// What a browser says of a request from the API's own page, or one the user typed or bookmarked.
const OWN_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'none']);

/**
 * Why a request is refused as coming from another web site, or undefined.
 *
 * A browser sends a form-style POST to another site without asking first (no CORS preflight), so
 * any page the operator opens could otherwise clear a kill switch or approve an intent on the
 * token-less loopback API. Browsers say where a write comes from in `Origin` (or, lacking it,
 * `Sec-Fetch-Site`) and the page cannot forge either; clients that are not browsers (curl, the
 * CLI, scripts) send neither and pass. An Origin is the API's own when its host is the Host the
 * request was sent to, as the browser saw it (so it holds behind a proxy that keeps Host).
 *
 * DNS rebinding (a foreign name re-pointed at 127.0.0.1) makes the attacker's page same-origin
 * with the API, so without a token the API also answers only requests addressed to a loopback
 * name. With a token the token is the auth: a rebound page does not have it.
 */
export function crossSiteProblem(method: string, headers: IncomingHttpHeaders, tokenConfigured: boolean): string | undefined {
  const host = headers.host ?? '';
  if (!tokenConfigured && !isLoopbackHost(hostName(host))) {
    return `Host "${host}" is not a loopback name: without POLYBOT_API_TOKEN this API answers only requests addressed to localhost, 127.0.0.1 or [::1]`;
  }
  if (SAFE_METHODS.has(method)) return undefined;
  const origin = headers.origin;
  if (origin !== undefined) {
    if (isOwnOrigin(origin, host)) return undefined;
    return `cross-origin ${method} refused: Origin "${origin}" is not this API's own (Host "${host}"); use the API's own page, or a client that sends no Origin`;
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && !OWN_FETCH_SITES.has(String(site))) {
    return `cross-site ${method} refused: Sec-Fetch-Site is "${String(site)}"; use the API's own page, or a client that sends no Sec-Fetch-Site`;
  }
  return undefined;
}

/** Registered first, before the token check, routing and body parsing: answers 403 { error }. */
export function apiOriginMiddleware(token: ApiToken | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = crossSiteProblem(req.method, req.headers, token !== undefined);
    if (problem === undefined) return next();
    res.status(403).json({ error: problem });
  };
}

/** The name in a Host header, without the port ("[::1]:8000" -> "[::1]"). */
function hostName(host: string): string {
  return /^(\[[^\]]*\]|[^:]*)(:\d*)?$/.exec(host)?.[1] ?? '';
}

/** Compared as URLs of the origin's scheme, so an explicit default port ("host:443") still matches. */
function isOwnOrigin(origin: string, host: string): boolean {
  if (host === '') return false;
  try {
    const own = new URL(origin);
    return own.host === new URL(`${own.protocol}//${host}`).host;
  } catch {
    // "null" (a sandboxed frame, a file) or anything else that is not an origin.
    return false;
  }
}
