export type WatchedMethod = readonly [prototype: object, method: string, name: string];

type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Records `<name> start` and `<name> end` for each call of the watched async methods (on their
 * prototypes, so every instance a Nest module built is watched), in the order they happen: what
 * a test of "these reads overlap" or "this waits for that" reads. restore() puts the methods back.
 */
export function callTimeline(watched: readonly WatchedMethod[]): { readonly events: string[]; at(event: string): number; restore(): void } {
  const events: string[] = [];
  const originals = watched.map(([prototype, method, name]) => {
    const target = prototype as Record<string, AsyncMethod>;
    const original = target[method];
    target[method] = async function (this: unknown, ...args: unknown[]) {
      events.push(`${name} start`);
      try {
        return await original.apply(this, args);
      } finally {
        events.push(`${name} end`);
      }
    };
    return () => (target[method] = original);
  });
  return { events, at: (event) => events.indexOf(event), restore: () => originals.forEach((restore) => restore()) };
}
