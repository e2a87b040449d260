import Bottleneck from 'bottleneck';

export type VenueFamily = 'gamma' | 'clob';

/** At most `maxPerWindow` calls per `windowMs`; optionally at most `maxConcurrent` in flight. */
export interface RateLimit {
  readonly maxPerWindow: number;
  readonly windowMs: number;
  readonly maxConcurrent?: number;
}

export interface FamilyRateLimits {
  readonly overall: RateLimit;
  /** Keyed by route (`/markets`); a route also covers its sub-paths (`/markets/keyset`). */
  readonly routes: Readonly<Record<string, RateLimit>>;
}

export type VenueRateLimits = Readonly<Record<VenueFamily, FamilyRateLimits>>;

export interface VenueRateLimitOverrides {
  readonly gamma?: { readonly overall?: RateLimit; readonly routes?: Readonly<Record<string, RateLimit>> };
  readonly clob?: { readonly overall?: RateLimit; readonly routes?: Readonly<Record<string, RateLimit>> };
}

const TEN_SECONDS = 10_000;
const per10s = (maxPerWindow: number, maxConcurrent?: number): RateLimit => ({ maxPerWindow, windowMs: TEN_SECONDS, maxConcurrent });

/** Polymarket's published limits (POLYMARKET_API.md, "Published limits per 10 s"). */
export const POLYMARKET_RATE_LIMITS: VenueRateLimits = {
  gamma: { overall: per10s(4000), routes: { '/markets': per10s(300), '/events': per10s(500) } },
  clob: { overall: per10s(9000), routes: { '/books': per10s(500, 8), '/book': per10s(1500) } },
};

export function mergeRateLimits(overrides: VenueRateLimitOverrides = {}): VenueRateLimits {
  const merge = (family: VenueFamily): FamilyRateLimits => ({
    overall: overrides[family]?.overall ?? POLYMARKET_RATE_LIMITS[family].overall,
    routes: { ...POLYMARKET_RATE_LIMITS[family].routes, ...overrides[family]?.routes },
  });
  return { gamma: merge('gamma'), clob: merge('clob') };
}

export function assertValidRateLimit(name: string, limit: RateLimit): void {
  const positiveInt = (value: number | undefined): boolean => value === undefined || (Number.isInteger(value) && value > 0);
  if (!positiveInt(limit.maxPerWindow) || !positiveInt(limit.windowMs) || !positiveInt(limit.maxConcurrent)) {
    throw new Error(`rate limit ${name} must have positive integer maxPerWindow, windowMs and maxConcurrent (got ${JSON.stringify(limit)})`);
  }
}

export function limiterFor(limit: RateLimit): Bottleneck {
  return new Bottleneck({
    reservoir: limit.maxPerWindow,
    reservoirRefreshAmount: limit.maxPerWindow,
    reservoirRefreshInterval: limit.windowMs,
    maxConcurrent: limit.maxConcurrent ?? null,
  });
}

/**
 * One limiter per route, chained into its family's overall limiter, so every call spends from
 * both budgets. Routes without their own limit spend from the family budget only.
 */
export class VenueLimiters {
  private readonly families = new Map<VenueFamily, Bottleneck>();
  private readonly routes = new Map<string, { family: VenueFamily; route: string; limiter: Bottleneck }>();

  constructor(limits: VenueRateLimits) {
    for (const family of ['gamma', 'clob'] as const) {
      assertValidRateLimit(`${family} overall`, limits[family].overall);
      const overall = limiterFor(limits[family].overall);
      this.families.set(family, overall);
      for (const [route, limit] of Object.entries(limits[family].routes)) {
        assertValidRateLimit(`${family} ${route}`, limit);
        this.routes.set(`${family} ${route}`, { family, route, limiter: limiterFor(limit).chain(overall) });
      }
    }
  }

  /** The most specific limiter whose route is the path or a parent of it (`/book` never covers `/books`). */
  limiterFor(family: VenueFamily, path: string): Bottleneck {
    let best: { route: string; limiter: Bottleneck } | undefined;
    for (const entry of this.routes.values()) {
      const covers = entry.family === family && (path === entry.route || path.startsWith(`${entry.route}/`));
      if (covers && (!best || entry.route.length > best.route.length)) best = entry;
    }
    const limiter = best?.limiter ?? this.families.get(family);
    if (!limiter) throw new Error(`no rate limiter for venue family ${family}`);
    return limiter;
  }

  async close(): Promise<void> {
    const all = [...[...this.routes.values()].map((entry) => entry.limiter), ...this.families.values()];
    await Promise.all(all.map((limiter) => limiter.disconnect(false)));
  }
}
