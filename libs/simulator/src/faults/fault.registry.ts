import { z } from 'zod';

export const faultSpecSchema = z
  .object({
    /** A path ('/clob/books'), a prefix of paths ('/gamma'), or '*' for every venue route. */
    route: z.string().min(1),
    /**
     * 'accept-then-timeout': the request is handled (an order is accepted and matched) but the answer is never sent.
     * 'stale-read': the route answers as a read replica behind the latest writes would: nothing (a JSON null for one
     * object, an empty list or page), e.g. an order just accepted that GET /data/order and /data/orders do not show yet.
     */
    kind: z.enum(['status', 'delay', 'malformed', 'timeout', 'accept-then-timeout', 'stale-read']),
    status: z.number().int().min(400).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** 'invalid-json' (default) answers a truncated body; 'wrong-types' answers the real payload with swapped types. */
    malformed: z.enum(['invalid-json', 'wrong-types']).optional(),
    /** How many requests the fault hits; absent means until cleared. */
    times: z.number().int().min(1).optional(),
    /** How long the fault lasts from when it is added (a replica lagging for a while); absent means until its hits run out or it is cleared. */
    forMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface ActiveFault extends FaultSpec {
  readonly id: number;
  remaining: number | null;
  hits: number;
  /** Epoch ms after which the fault no longer applies; null when it lasts. */
  readonly until: number | null;
}

/** Scripted venue trouble: the first matching fault with hits left applies to a request. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(spec: FaultSpec): ActiveFault {
    const parsed = faultSpecSchema.parse(spec);
    this.seq += 1;
    const until = parsed.forMs === undefined ? null : this.now() + parsed.forMs;
    const fault: ActiveFault = { ...parsed, id: this.seq, remaining: parsed.times ?? null, hits: 0, until };
    this.faults.push(fault);
    return fault;
  }

  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  list(): readonly ActiveFault[] {
    return this.faults;
  }

  /** Consumes one hit of the fault matching this path, if any. */
  take(path: string): ActiveFault | null {
    const now = this.now();
    const fault = this.faults.find((f) => f.remaining !== 0 && (f.until === null || now < f.until) && routeMatches(f.route, path));
    if (!fault) return null;
    fault.hits += 1;
    if (fault.remaining !== null) fault.remaining -= 1;
    return fault;
  }
}

function routeMatches(route: string, path: string): boolean {
  if (route === '*') return true;
  const trimmed = route.replace(/\/+$/, '');
  return path === trimmed || path.startsWith(`${trimmed}/`);
}
