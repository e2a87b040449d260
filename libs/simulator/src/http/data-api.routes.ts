import { Router } from 'express';
import { BadRequestError } from './bad-request.error';
import { queryString } from './query.parse';

/** Data API at /data. Nobody holds positions yet, so every user's list is empty. */
export function dataApiRouter(): Router {
  const router = Router();
  const requireUser = (user: string | undefined): void => {
    if (!user) throw new BadRequestError('user is required');
    if (!/^0x[0-9a-fA-F]{40}$/.test(user)) throw new BadRequestError(`user must be a 0x address, got "${user}"`);
  };

  router.get('/positions', (req, res) => {
    requireUser(queryString(req.query, 'user'));
    res.json([]);
  });

  router.get('/activity', (req, res) => {
    requireUser(queryString(req.query, 'user'));
    res.json([]);
  });

  router.get('/trades', (_req, res) => void res.json([]));

  return router;
}
