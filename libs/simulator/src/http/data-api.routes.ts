import { Router } from 'express';
import type { AccountLedger } from '../exchange/account.ledger';
import { wirePosition } from '../wire/position.serializer';
import type { SimWorld } from '../world/sim-world.state';
import { BadRequestError } from './bad-request.error';
import { queryBool, queryString } from './query.parse';

/** Data API at /data: positions come from the exchange's ledger (fills and redeems). */
export function dataApiRouter(world: () => SimWorld, accounts: AccountLedger): Router {
  const router = Router();
  const requireUser = (user: string | undefined): string => {
    if (!user) throw new BadRequestError('user is required');
    if (!/^0x[0-9a-fA-F]{40}$/.test(user)) throw new BadRequestError(`user must be a 0x address, got "${user}"`);
    return user;
  };

  router.get('/positions', (req, res) => {
    const user = requireUser(queryString(req.query, 'user'));
    const redeemable = queryBool(req.query, 'redeemable');
    const w = world();
    const rows = accounts
      .positionsOf(user)
      .filter(([, p]) => p.sizeMicro > 0)
      .map(([tokenId, p]) => wirePosition(w, user, tokenId, p))
      .filter((row) => row !== null)
      .filter((row) => redeemable === undefined || row.redeemable === redeemable);
    res.json(rows);
  });

  router.get('/activity', (req, res) => {
    requireUser(queryString(req.query, 'user'));
    res.json([]);
  });

  router.get('/trades', (_req, res) => void res.json([]));

  return router;
}
