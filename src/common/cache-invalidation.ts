import { AsyncLocalStorage } from 'node:async_hooks';

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

/** Every entity type: what a write to a table this map does not know invalidates. */
export const ALL_TYPES = '*';

/** The GraphQL types whose answers a write to each table can change (link tables change both ends). */
const TABLE_TYPES: Record<string, readonly string[]> = {
  // Deleting a firm drops its chain links by cascade, with no statement on their table: ChainNode.firmCount changes.
  enterprise: ['Enterprise', 'ChainNode'],
  park: ['Park'],
  innovation_platform: ['InnovationPlatform'],
  scenario: ['Scenario'],
  large_model: ['LargeModel'],
  compute_center: ['ComputeCenter'],
  institution: ['Institution'],
  national_innovation_task: ['NationalInnovationTask'],
  compute_capacity: ['ComputeCenter'],
  compute_voucher_program: ['ComputeVoucherProgram'],
  compute_voucher_grant: ['ComputeVoucherGrant', 'ComputeVoucherProgram', 'Enterprise', 'ComputeCenter'],
  sector: ['Sector'],
  chain_node: ['ChainNode'],
  enterprise_chain_node: ['Enterprise', 'ChainNode'],
  enterprise_park: ['Enterprise', 'Park'],
  enterprise_sector: ['Enterprise', 'Sector'],
  park_focus_sector: ['Park', 'Sector'],
  platform_sector: ['InnovationPlatform', 'Sector'],
  platform_host: ['InnovationPlatform', 'Enterprise'],
  scenario_provider: ['Scenario', 'Enterprise'],
  large_model_developer: ['LargeModel', 'Enterprise'],
  large_model_sector: ['LargeModel', 'Sector'],
  platform_institution_host: ['InnovationPlatform', 'Institution'],
  national_task_enterprise_winner: ['NationalInnovationTask', 'Enterprise'],
  national_task_institution_winner: ['NationalInnovationTask', 'Institution'],
  // A firm's recognitions and figures are fields of the firm, and its facets and the plan count them.
  firm_designation: ['Designation', 'Enterprise'],
  firm_figure: ['FirmFigure', 'Enterprise'],
  data_product: ['DataProduct', 'Enterprise'],
  data_product_sector: ['DataProduct', 'Sector'],
  // Bookkeeping that no cached public answer shows.
  audit_entry: [],
  audit_log: [],
  api_key: [],
  import_batch: [],
  change_commit: [],
  webhook_subscription: [],
  webhook_delivery: [],
  // The lead pipeline is never cached (src/graphql/response-cache.ts), so its writes stale nothing.
  lead: [],
  lead_stage_change: [],
  lead_note: [],
  api_key_park: [],
};

/** The types a set of written tables touches; an unknown table means every type. */
export function typesOfTables(tables: Iterable<string>): string[] {
  const types = new Set<string>();
  for (const table of tables) {
    const mapped = TABLE_TYPES[table];
    if (!mapped) return [ALL_TYPES];
    for (const t of mapped) types.add(t);
  }
  return [...types];
}

const writes = new AsyncLocalStorage<Set<string>>();
const WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** Called by the ORM logger for every statement: remembers the tables a tracked write changes. */
export function noteStatement(sql: string): void {
  const touched = writes.getStore();
  if (!touched) return;
  for (const m of sql.matchAll(WRITE)) {
    if (m[1].toLowerCase() !== 'set') touched.add(m[1].toLowerCase());
  }
}

/**
 * Runs a write (a transaction) and, once it has committed, invalidates the cached answers of
 * every type whose tables it wrote to. The tables come from the statements themselves, so a
 * write path cannot forget one. A write that throws (rolled back) invalidates nothing.
 */
export async function withCacheInvalidation<T>(write: () => Promise<T>): Promise<T> {
  const touched = new Set<string>();
  const result = await writes.run(touched, write);
  if (touched.size) await invalidateCache(typesOfTables(touched));
  return result;
}
