import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ActiveFault, FaultRegistry } from '../faults/fault.registry';

/** Applies scripted faults to venue routes (never to /_sim, so a test can always clear them). */
export function faultMiddleware(faults: FaultRegistry): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/_sim')) return next();
    const fault = faults.take(req.path);
    if (!fault) return next();
    applyFault(fault, res, next);
  };
}

function applyFault(fault: ActiveFault, res: Response, next: NextFunction): void {
  switch (fault.kind) {
    case 'status': {
      const status = fault.status ?? 500;
      if (status === 429) res.setHeader('Retry-After', String(fault.retryAfterSeconds ?? 1));
      else if (fault.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(fault.retryAfterSeconds));
      res.status(status).json({ error: status === 429 ? 'Too Many Requests' : `Simulated error ${status}` });
      return;
    }
    case 'delay': {
      const timer = setTimeout(next, fault.delayMs ?? 1_000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'malformed':
      if (fault.malformed === 'wrong-types') {
        swapTypesOnJson(res);
        next();
        return;
      }
      res.status(200).type('application/json').send('{"error": "unterminated');
      return;
    case 'timeout':
      // Held until the client gives up or the simulator closes.
      return;
    case 'accept-then-timeout':
      withholdAnswer(res, fault.delayMs);
      next();
      return;
    case 'stale-read':
      answerNothingYet(res);
      next();
      return;
  }
}

/** The route runs, and its answer is emptied: one object becomes null, a list or a cursor page's data empty. */
function answerNothingYet(res: Response): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    if (Array.isArray(body)) return json([]);
    if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) return json({ ...body, data: [], count: 0 });
    return json(null);
  };
}

/**
 * The route runs (so an order is accepted and matched) but its answer is swallowed: the client
 * times out. With `delayMs` the connection is dropped after that long, for clients without a timeout.
 */
function withholdAnswer(res: Response, dropAfterMs: number | undefined): void {
  res.json = () => res;
  res.send = () => res;
  if (dropAfterMs === undefined) return;
  const timer = setTimeout(() => res.socket?.destroy(), dropAfterMs);
  res.on('close', () => clearTimeout(timer));
}

/** Numbers become strings and numeric strings become numbers: a venue answer with wrong field types. */
function swapTypesOnJson(res: Response): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => json(swapTypes(body));
}

function swapTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(swapTypes);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapTypes(v)]));
  }
  return value;
}
