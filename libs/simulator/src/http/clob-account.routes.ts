import { Router } from 'express';
import type { ApiKeyRegistry } from '../auth/api-credentials';
import type { SimExchange } from '../exchange/sim-exchange';
import { CTF_EXCHANGE_V2, MAX_ALLOWANCE, NEG_RISK_ADAPTER, NEG_RISK_CTF_EXCHANGE_V2 } from '../venue/polygon.contracts';
import { wireOpenOrder, wireTrade } from '../wire/clob-order.serializer';
import { BadRequestError } from './bad-request.error';
import { cursorPage } from './cursor.page';
import { ownerOf, requireL2 } from './l2-auth.middleware';
import { queryString } from './query.parse';

function optionalSeconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new BadRequestError(`${name} must be unix seconds, got "${value}"`);
  return Number(value);
}

/** The owner's orders, trades and balances (all L2-authenticated), in clob-client-v2's shapes. */
export function clobAccountRouter(keys: ApiKeyRegistry, exchange: SimExchange): Router {
  const router = Router();
  const auth = requireL2(keys);

  router.get('/data/orders', auth, (req, res) => {
    const rows = exchange.openOrders(ownerOf(res), {
      id: queryString(req.query, 'id'),
      market: queryString(req.query, 'market'),
      assetId: queryString(req.query, 'asset_id'),
    });
    res.json(cursorPage(rows.map(wireOpenOrder), queryString(req.query, 'next_cursor')));
  });

  // The venue shows only open orders here (LIVE, a partly filled one still resting included): a
  // closed one (fully matched, a killed FOK/FAK, cancelled, expired) is answered 200 with a JSON
  // `null`. Source: py-clob-client issue #217 ("get_order does not return anything" for a matched
  // FAK; filled ones are only in the trades): py-clob-client raises on any status but 200 and
  // returns `resp.json()`, so "nothing" is a 200 whose body parses to None, i.e. `null` (an empty
  // body would have come back as ''). An id the owner never placed (or another owner's) gets the
  // same `null`: no capture shows the venue's answer for one, and a client must read both as "no
  // open order" anyway (ClobTradingClient.getOrder also takes a 404 or an empty body as null).
  router.get('/data/order/:id', auth, (req, res) => {
    const order = exchange.order(ownerOf(res), String(req.params.id));
    res.json(order?.status === 'LIVE' ? wireOpenOrder(order) : null);
  });

  router.get('/data/trades', auth, (req, res) => {
    const rows = exchange.tradesOf(ownerOf(res), {
      id: queryString(req.query, 'id'),
      market: queryString(req.query, 'market'),
      assetId: queryString(req.query, 'asset_id'),
      before: optionalSeconds(queryString(req.query, 'before'), 'before'),
      after: optionalSeconds(queryString(req.query, 'after'), 'after'),
    });
    res.json(cursorPage(rows.map(wireTrade), queryString(req.query, 'next_cursor')));
  });

  router.get('/balance-allowance', auth, (req, res) => {
    const wallet = exchange.fundsAddress(ownerOf(res), Number(queryString(req.query, 'signature_type') ?? 0));
    const assetType = queryString(req.query, 'asset_type');
    const allowances = { [CTF_EXCHANGE_V2]: MAX_ALLOWANCE, [NEG_RISK_CTF_EXCHANGE_V2]: MAX_ALLOWANCE, [NEG_RISK_ADAPTER]: MAX_ALLOWANCE };
    if (assetType === 'COLLATERAL') return void res.json({ balance: String(exchange.accounts.balanceMicro(wallet)), allowances });
    if (assetType === 'CONDITIONAL') {
      const tokenId = queryString(req.query, 'token_id');
      if (!tokenId) throw new BadRequestError('token_id is required for asset_type CONDITIONAL');
      return void res.json({ balance: String(exchange.accounts.sharesMicro(wallet, tokenId)), allowances });
    }
    throw new BadRequestError(`asset_type must be COLLATERAL or CONDITIONAL, got "${assetType ?? ''}"`);
  });

  // Approvals are always in place here; the venue answers the refresh with an empty body.
  router.get('/balance-allowance/update', auth, (_req, res) => void res.json(''));

  return router;
}
