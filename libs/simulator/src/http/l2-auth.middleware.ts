import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiKeyRegistry } from '../auth/api-credentials';
import { UNAUTHORIZED, verifyL2Request, type AuthenticatedOwner } from '../auth/l2-auth.verifier';
import { rawBody } from './raw-body.store';

/**
 * Checks L2 headers on a router mounted at the CLOB root: `req.path` is then the path the client
 * signed (relative to the CLOB host, no query string). Refuses with the venue's 401 wording.
 */
export function requireL2(keys: ApiKeyRegistry): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const owner = verifyL2Request(keys, { headers: req.headers, method: req.method, path: req.path, body: rawBody(req) });
    if (!owner) return void res.status(401).json({ error: UNAUTHORIZED });
    res.locals.owner = owner;
    next();
  };
}

export function ownerOf(res: Response): AuthenticatedOwner {
  const owner: unknown = res.locals.owner;
  if (!owner || typeof owner !== 'object') throw new Error('ownerOf: the route is missing requireL2');
  return owner as AuthenticatedOwner;
}
