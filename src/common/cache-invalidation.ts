/**
 * The one call every write path makes after its transaction commits: `invalidateCache(types)`
 * with the GraphQL type names of the records (or links) it changed, e.g. `['Enterprise', 'Park']`
 * after linking a firm to a park. Cached responses that selected any of those types become stale
 * at once (in this process, and in every process sharing the Redis cache).
 *
 * The response cache (src/graphql/response-cache.ts) registers itself here; the kit cannot import
 * the assembly, so the dependency runs through this registry.
 */
export type CacheInvalidator = (types: readonly string[]) => Promise<void>;

const invalidators = new Set<CacheInvalidator>();

/** Registers a cache to be told about writes; returns the function that unregisters it. */
export function registerCacheInvalidator(invalidator: CacheInvalidator): () => void {
  invalidators.add(invalidator);
  return () => {
    invalidators.delete(invalidator);
  };
}

/**
 * Marks every cached response that depends on any of `types` as stale. Call it after commit (a
 * read that starts before the commit must not be cached as current). Never throws: a cache that
 * cannot be reached is logged by the cache itself and its entries expire with their TTL.
 */
export async function invalidateCache(types: readonly string[]): Promise<void> {
  if (!types.length) return;
  await Promise.all([...invalidators].map((invalidate) => invalidate(types).catch(() => undefined)));
}
