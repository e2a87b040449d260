import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerSecret, secretsMatch, type ApiToken } from './api-token';

/**
 * Probes answer without the token (load balancers and Prometheus do not carry it), and so does
 * the approval page at `/`: a browser cannot send the header on navigation, and the page holds no
 * data; every call it makes carries the token.
 */
const OPEN_ROUTES: ReadonlySet<string> = new Set(['/health', '/metrics', '/']);

export const UNAUTHORIZED_MESSAGE = 'this API needs the header "Authorization: Bearer <POLYBOT_API_TOKEN>"';

export function isOpenRoute(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && OPEN_ROUTES.has(path.replace(/\/+$/, '') || '/');
}

/**
 * Runs before routing and body parsing, so it covers Nest routes, the docs, Bull Board and the
 * event stream alike, and an unauthenticated body is never parsed. No token configured: open
 * (the API then only starts on a loopback host, see apiExposureProblem, and apiOriginMiddleware
 * refuses other web sites' writes and non-loopback Host names).
 */
export function apiAuthMiddleware(token: ApiToken | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!token) return next();
    const header = req.headers.authorization;
    // A token that is presented is checked even where none is needed: a wrong one is a mistake to surface.
    if (header === undefined && isOpenRoute(req.method, req.path)) return next();
    const presented = bearerSecret(header);
    if (presented !== undefined && secretsMatch(presented, token.secret)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: UNAUTHORIZED_MESSAGE });
  };
}
