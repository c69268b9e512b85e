import type { SqlEntityManager } from '@mikro-orm/postgresql';

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
 * does. One multi-row INSERT per call, however many entries (an import writes thousands).
 */
export async function writeAudit(tx: SqlEntityManager, actor: Actor, entries: AuditRecord[], batchId: string | null = null): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((e) => {
      params.push(actor.keyId, actor.name, e.action, e.recordType, e.recordId, JSON.stringify(e.changes), batchId);
      return '(?, ?, ?, ?, ?, ?::jsonb, ?::uuid)';
    });
    await tx.execute(
      `insert into audit_entry (actor_key_id, actor_name, action, record_type, record_id, changes, batch_id) values ${values.join(', ')}`,
      params,
    );
  }
}
