import { Router, type Request, type Response } from 'express';
import type { ApiKeyRegistry } from '../auth/api-credentials';
import { verifyL1Headers } from '../auth/l1-auth.verifier';

const INVALID_L1 = 'Invalid L1 Request headers';

/** `POST /auth/api-key` and `GET /auth/derive-api-key`: L1-signed, both answer the address's deterministic creds. */
export function authRouter(keys: ApiKeyRegistry): Router {
  const router = Router();
  const issue = (req: Request, res: Response): void => {
    const proven = verifyL1Headers(req.headers);
    if (!proven) return void res.status(401).json({ error: INVALID_L1 });
    res.json(keys.issue(proven.address, proven.nonce));
  };
  router.post('/auth/api-key', issue);
  router.get('/auth/derive-api-key', issue);
  return router;
}
