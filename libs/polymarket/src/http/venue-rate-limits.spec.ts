import { mergeRateLimits, POLYMARKET_RATE_LIMITS, VenueLimiters } from './venue-rate-limits';

describe('venue rate limits', () => {
  it('default to the published limits per 10 s', () => {
    expect(POLYMARKET_RATE_LIMITS.gamma.overall).toMatchObject({ maxPerWindow: 4000, windowMs: 10_000 });
    expect(POLYMARKET_RATE_LIMITS.gamma.routes['/markets']).toMatchObject({ maxPerWindow: 300, windowMs: 10_000 });
    expect(POLYMARKET_RATE_LIMITS.gamma.routes['/events']).toMatchObject({ maxPerWindow: 500, windowMs: 10_000 });
    expect(POLYMARKET_RATE_LIMITS.clob.overall).toMatchObject({ maxPerWindow: 9000, windowMs: 10_000 });
    expect(POLYMARKET_RATE_LIMITS.clob.routes['/books']).toMatchObject({ maxPerWindow: 500, windowMs: 10_000 });
    expect(POLYMARKET_RATE_LIMITS.clob.routes['/book']).toMatchObject({ maxPerWindow: 1500, windowMs: 10_000 });
  });

  it('merge overrides per family and per route', () => {
    const merged = mergeRateLimits({ clob: { routes: { '/books': { maxPerWindow: 3, windowMs: 100 } } } });
    expect(merged.clob.routes['/books']).toEqual({ maxPerWindow: 3, windowMs: 100 });
    expect(merged.clob.routes['/book']).toEqual(POLYMARKET_RATE_LIMITS.clob.routes['/book']);
    expect(merged.gamma).toEqual(POLYMARKET_RATE_LIMITS.gamma);
  });

  it('pick the route limiter by path segment: /markets covers /markets/keyset, /book never covers /books', async () => {
    const limiters = new VenueLimiters(POLYMARKET_RATE_LIMITS);
    expect(limiters.limiterFor('gamma', '/markets/keyset')).toBe(limiters.limiterFor('gamma', '/markets'));
    expect(limiters.limiterFor('clob', '/books')).not.toBe(limiters.limiterFor('clob', '/book'));
    expect(limiters.limiterFor('clob', '/price')).not.toBe(limiters.limiterFor('clob', '/book'));
    expect(limiters.limiterFor('clob', '/price')).not.toBe(limiters.limiterFor('gamma', '/tags'));
    await limiters.close();
  });

  it('refuse a limit that is not a positive integer, naming it', () => {
    expect(() => new VenueLimiters(mergeRateLimits({ gamma: { routes: { '/events': { maxPerWindow: 0, windowMs: 10 } } } }))).toThrow(
      'rate limit gamma /events must have positive integer maxPerWindow, windowMs and maxConcurrent',
    );
  });
});
