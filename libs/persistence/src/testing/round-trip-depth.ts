/**
 * Measures how many database round trips a piece of work waits for one after another, which is
 * what its latency is made of (calls made together cost one). Wrap the repositories the work
 * uses with `watch`; each async method call is a step whose depth is one more than the deepest
 * step that finished before it started. `depth` is the deepest step: 1 when every call ran at
 * once, the number of calls when each waited for the one before.
 */
export class RoundTripDepth {
  private clock = 0;
  private readonly finished: { readonly at: number; readonly depth: number }[] = [];
  readonly calls: string[] = [];

  watch<T extends object>(target: T, name: string): T {
    return new Proxy(target, {
      get: (obj, key, receiver) => {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const startedAt = ++this.clock;
          const depth = 1 + Math.max(0, ...this.finished.filter((f) => f.at < startedAt).map((f) => f.depth));
          this.calls.push(`${name}.${String(key)}`);
          const result = value.apply(obj, args);
          if (!(result instanceof Promise)) return result;
          return result.finally(() => this.finished.push({ at: ++this.clock, depth }));
        };
      },
    });
  }

  get depth(): number {
    return Math.max(0, ...this.finished.map((f) => f.depth));
  }

  reset(): void {
    this.finished.length = 0;
    this.calls.length = 0;
  }
}
