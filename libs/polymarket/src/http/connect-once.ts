/**
 * A connection made on first use and shared after; a failed attempt is forgotten, so the next use
 * tries again rather than failing for ever.
 */
export function connectOnce<T>(connect: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= connect().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
