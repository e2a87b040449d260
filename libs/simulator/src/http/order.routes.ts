import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ApiKeyRegistry } from '../auth/api-credentials';
import { OrderRejectedError } from '../exchange/order-rejected.error';
import { postOrderSchema } from '../exchange/signed-order.parser';
import type { SimExchange } from '../exchange/sim-exchange';
import { ownerOf, requireL2 } from './l2-auth.middleware';
import type { OrderRecorder } from './order.recorder';

const MAX_BATCH = 15;

type Answer = { status: number; body: Record<string, unknown> };

function refusal(message: string, orderID = ''): Answer {
  return { status: 400, body: { error: message, success: false, errorMsg: message, orderID } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/**
 * Order entry (L2-authenticated). Every POST is recorded verbatim first, whatever happens next, so
 * a test can prove a dry run sent nothing.
 */
export function orderRouter(orders: OrderRecorder, keys: ApiKeyRegistry, exchange: SimExchange): Router {
  const router = Router();
  const record = (req: Request) => orders.record(req.method, req.baseUrl + req.path, req.headers, req.body);
  const auth = requireL2(keys);

  const placeOne = (res: Response, body: unknown): Answer => {
    const parsed = postOrderSchema.safeParse(body);
    if (!parsed.success) return refusal(`Invalid order payload: ${describeIssues(parsed.error)}`);
    try {
      const placed = exchange.place(ownerOf(res), parsed.data);
      return { status: 200, body: { success: true, errorMsg: '', ...placed, transactionsHashes: [] } };
    } catch (err) {
      if (err instanceof OrderRejectedError) return refusal(err.message, err.orderId);
      throw err;
    }
  };

  router.post('/order', (req, _res, next) => void (record(req), next()), auth, (req, res) => {
    const answer = placeOne(res, req.body);
    res.status(answer.status).json(answer.body);
  });

  router.post('/orders', (req, _res, next) => void (record(req), next()), auth, (req, res) => {
    const batch: unknown = req.body;
    if (!Array.isArray(batch) || batch.length === 0) return void res.status(400).json({ error: 'Invalid payload: expected a non-empty array of orders' });
    if (batch.length > MAX_BATCH) return void res.status(400).json({ error: `Payload exceeds the limit: ${batch.length} orders (max ${MAX_BATCH})` });
    res.json(batch.map((entry) => placeOne(res, entry).body));
  });

  router.delete('/order', auth, (req, res) => {
    const parsed = z.object({ orderID: z.string().min(1) }).safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: `Invalid payload: ${describeIssues(parsed.error)}` });
    res.json(exchange.cancel(ownerOf(res), [parsed.data.orderID]));
  });

  router.delete('/orders', auth, (req, res) => {
    const parsed = z.array(z.string().min(1)).safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: `Invalid payload: ${describeIssues(parsed.error)}` });
    res.json(exchange.cancel(ownerOf(res), parsed.data));
  });

  router.delete('/cancel-all', auth, (_req, res) => {
    const owner = ownerOf(res);
    res.json(exchange.cancel(owner, exchange.openOrderIds(owner)));
  });

  return router;
}
