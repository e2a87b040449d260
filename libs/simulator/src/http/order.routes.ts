import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import type { OrderRecorder } from './order.recorder';

interface OrderAck {
  readonly success: true;
  readonly errorMsg: '';
  readonly orderID: string;
  readonly status: 'live';
  readonly makingAmount: string;
  readonly takingAmount: string;
  readonly transactionsHashes: string[];
}

function ack(seq: number, index: number, body: unknown): OrderAck {
  const orderID = `0x${createHash('sha256').update(`${seq}:${index}:${JSON.stringify(body)}`).digest('hex')}`;
  return { success: true, errorMsg: '', orderID, status: 'live', makingAmount: '0', takingAmount: '0', transactionsHashes: [] };
}

/**
 * Order posts are recorded verbatim (so a test can prove a dry run sent nothing) and acknowledged
 * as resting. Signature checks and matching come later.
 */
export function orderRouter(orders: OrderRecorder): Router {
  const router = Router();
  const record = (req: Request) => orders.record(req.method, req.baseUrl + req.path, req.headers, req.body);

  router.post('/order', (req, res) => {
    const recorded = record(req);
    res.json(ack(recorded.seq, 0, req.body));
  });

  router.post('/orders', (req, res) => {
    const recorded = record(req);
    const batch: unknown[] = Array.isArray(req.body) ? req.body : [req.body];
    res.json(batch.map((entry, i) => ack(recorded.seq, i, entry)));
  });

  return router;
}
