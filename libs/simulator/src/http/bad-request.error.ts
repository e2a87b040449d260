import type { NextFunction, Request, Response } from 'express';

/** A request the venue would refuse; answered 400 with a message naming what was wrong. */
export class BadRequestError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) return;
  if (err instanceof BadRequestError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  // express.json() parse failures carry a status of 400.
  const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
  res.status(status).json({ error: status === 400 ? 'Invalid JSON body' : 'Internal simulator error' });
}
