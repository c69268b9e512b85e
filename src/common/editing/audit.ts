import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../sql';

/** Who wrote: an API key (id and name) or, for the import CLI, a named operator without a key. */
export interface Actor {
  keyId: number | null;
  name: string;
}

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'LINK' | 'UNLINK';

/** Changed fields, by GraphQL field name: what they held before and after the write. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditRecord {
  action: AuditAction;
  recordType: string;
  /** The global ID of the record written. */
  recordId: string;
  changes: FieldChanges;
}

/**
 * Appends audit entries in the caller's transaction, so an entry exists exactly when its write
 * does. One set-based INSERT per 10,000 entries (an import writes one entry per changed row);
 * `run` lets the importer send it with bound parameters.
 */
export async function writeAudit(
  tx: SqlEntityManager,
  actor: Actor,
  entries: AuditRecord[],
  batchId: string | null = null,
  run: (tx: SqlEntityManager, sql: string, params: unknown[]) => Promise<unknown> = (t, sql, params) => t.execute(sql, params),
): Promise<void> {
  const CHUNK = 10000;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    await run(
      tx,
      `insert into audit_entry (actor_key_id, actor_name, action, record_type, record_id, changes, batch_id)
       select ?::int, ?, u.a, u.t, u.r, u.c::jsonb, ?::uuid from unnest(?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as u(a, t, r, c, n) order by u.n`,
      [
        actor.keyId,
        actor.name,
        batchId,
        pgArray(chunk.map((e) => e.action)),
        pgArray(chunk.map((e) => e.recordType)),
        pgArray(chunk.map((e) => e.recordId)),
        pgArray(chunk.map((e) => JSON.stringify(e.changes))),
      ],
    );
  }
}

export { pgArray };
