import { Router } from 'express';
import { millsToNumber } from '../world/price.format';
import type { SimWorld } from '../world/sim-world.state';
import { NO_ORDERBOOK } from './clob.routes';

/**
 * What clob-client-v2's createMarketOrder looks up first: `/markets-by-token/:tokenId` (the
 * condition id) and `/clob-markets/:conditionId` (compact: t tokens, mts tick, nr neg-risk, fd fees).
 */
export function clobMarketInfoRouter(world: () => SimWorld): Router {
  const router = Router();

  router.get('/markets-by-token/:tokenId', (req, res) => {
    const ref = world().token(String(req.params.tokenId));
    if (!ref) return void res.status(404).json({ error: NO_ORDERBOOK });
    const { market } = ref;
    res.json({ condition_id: market.conditionId, primary_token_id: market.tokenIds[0], secondary_token_id: market.tokenIds[1] });
  });

  router.get('/clob-markets/:conditionId', (req, res) => {
    const market = world().marketByCondition(String(req.params.conditionId));
    if (!market) return void res.status(404).json({ error: 'market not found' });
    res.json({
      c: market.conditionId,
      t: market.tokenIds.map((t, i) => ({ t, o: market.outcomes[i] })),
      mts: millsToNumber(market.tickMills),
      mos: market.minOrderSize,
      nr: market.negRisk,
      fd: market.feeSchedule ? { r: market.feeSchedule.rate, e: market.feeSchedule.exponent, to: market.feeSchedule.takerOnly } : { r: 0, e: 0 },
    });
  });

  return router;
}
