import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Calls per "METHOD /path" (query ignored), for rate-limit and batching tests. */
export class RequestLog {
  private counts = new Map<string, number>();

  record(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts = new Map();
  }

  middleware(): RequestHandler {
    return (req: Request, _res: Response, next: NextFunction) => {
      if (!req.path.startsWith('/_sim')) this.record(req.method, req.path);
      next();
    };
  }
}
