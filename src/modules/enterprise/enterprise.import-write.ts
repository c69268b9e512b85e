import type { Knex, SqlEntityManager } from '@mikro-orm/postgresql';
import { Actor, AuditRecord, pgArray, writeAudit } from '../../common/editing/audit';
import { today } from '../../common/editing/record-writer';
import { toGlobalId } from '../../common/global-id';
import { ProvenanceKind } from '../../common/provenance';
import { refreshSearchColumns } from '../../common/search-columns';
import { ENTERPRISE_FIELDS, enterpriseRow } from './enterprise.editing';
import type { PreparedRow } from './enterprise.import-parse';
import { CHAIN_LINK_TABLE } from '../chain-node/chain-node.service';

/**
 * Writing, the last step of an import: creates, updates and missing links with set-based SQL (a
 * few statements per 10,000 rows) inside the import's transaction, audited as one batch.
 */

/**
 * Runs a statement with bound parameters on the transaction's connection. MikroORM's execute()
 * inlines parameters into the SQL text, which costs ~0.3 s per 5,000-row array; bound parameters
 * go to PostgreSQL as they are.
 */
export async function bulk(tx: SqlEntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const trx = (tx.getTransactionContext() as Knex.Transaction | undefined) ?? tx.getKnex();
  const result = (await trx.raw(sql, params as Knex.RawBinding[])) as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

const CHUNK = 10000;

/** The rows a write will touch: created ones and updated ones whose fields (not only links) change. */
export function rowsToWrite(rows: PreparedRow[]): { created: PreparedRow[]; updated: PreparedRow[] } {
  return {
    created: rows.filter((r) => r.status === 'created'),
    updated: rows.filter((r) => r.status === 'updated' && ENTERPRISE_FIELDS.some((f) => r.changes![f])),
  };
}

/** Writes the matched rows; `onWritten(done, total)` after every chunk of firms. */
export async function writeRows(
  tx: SqlEntityManager,
  rows: PreparedRow[],
  actor: Actor,
  batchId: string,
  onWritten?: (rows: number, total: number) => void,
): Promise<void> {
  const provenance = { kind: ProvenanceKind.USER_ENTERED, source: actor.name, verifiedAt: today() };
  const { created, updated } = rowsToWrite(rows);
  let written = 0;
  const advance = (n: number) => onWritten?.((written += n), created.length + updated.length);
  advance(0);
  const columns = ['name_zh', 'name_en', 'credit_code', 'layer', 'founded_year', 'website', 'summary'];
  const types = ['text', 'text', 'text', 'text', 'int', 'text', 'text'];
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK);
    const built = chunk.map((r) => enterpriseRow(r.values));
    const inserted = (await bulk(
      tx,
      `insert into enterprise (${columns.join(', ')}, provenance_kind, provenance_source, provenance_verified_at)
       select ${columns.map((c) => `u.${c}`).join(', ')}, ?, ?, ?::date
         from unnest(${types.map((t) => `?::${t}[]`).join(', ')}) with ordinality as u(${columns.join(', ')}, n)
        order by u.n
       returning id, name_zh`,
      [provenance.kind, provenance.source, provenance.verifiedAt, ...columns.map((c) => pgArray(built.map((b) => b[c] as string | number | null | undefined)))],
    )) as Array<{ id: number; name_zh: string }>;
    const idByName = new Map(inserted.map((r) => [r.name_zh, r.id]));
    for (const r of chunk) r.id = idByName.get(r.values.nameZh as string);
    advance(chunk.length);
  }

  const updCols = columns.filter((c) => c !== 'name_zh');
  for (let i = 0; i < updated.length; i += CHUNK) {
    const chunk = updated.slice(i, i + CHUNK);
    const built = chunk.map((r) => enterpriseRow(r.values));
    await bulk(
      tx,
      `update enterprise e set ${updCols.map((c) => `${c} = coalesce(u.${c}, e.${c})`).join(', ')},
              version = e.version + 1, updated_at = now(),
              provenance_note = case when e.provenance_kind = 'USER_ENTERED' then e.provenance_note
                                     else '经 ' || ? || ' 导入更正 Corrected by import of ' || ? || '; 原来源 earlier source (' || e.provenance_kind || '): ' || e.provenance_source end,
              provenance_url = case when e.provenance_kind = 'USER_ENTERED' then e.provenance_url else null end,
              provenance_kind = ?, provenance_source = ?, provenance_verified_at = ?::date
         from unnest(?::int[], ${updCols.map((c) => `?::${types[columns.indexOf(c)]}[]`).join(', ')}) as u(id, ${updCols.join(', ')})
        where e.id = u.id`,
      [
        actor.name,
        actor.name,
        provenance.kind,
        provenance.source,
        provenance.verifiedAt,
        pgArray(chunk.map((r) => r.id!)),
        ...updCols.map((c) => pgArray(built.map((b) => b[c] as string | number | null | undefined))),
      ],
    );
    advance(chunk.length);
  }

  // Names were written by plain SQL: bring the stored romanisations up to date for search.
  await refreshSearchColumns(
    tx,
    'enterprise',
    [...created, ...updated].map((r) => r.id!),
  );

  const parkPairs = rows.flatMap((r) => r.parkIds.map((p) => [r.id!, p] as const));
  const sectorPairs = rows.flatMap((r) => r.sectors.map((s) => [r.id!, s] as const));
  const chainPairs = rows.flatMap((r) => r.chainNodeIds.map((n) => [r.id!, n] as const));
  for (let i = 0; i < parkPairs.length; i += CHUNK) {
    const c = parkPairs.slice(i, i + CHUNK);
    await bulk(tx, 'insert into enterprise_park (enterprise_id, park_id) select * from unnest(?::int[], ?::int[]) on conflict do nothing', [
      pgArray(c.map((p) => p[0])),
      pgArray(c.map((p) => p[1])),
    ]);
  }
  for (let i = 0; i < sectorPairs.length; i += CHUNK) {
    const c = sectorPairs.slice(i, i + CHUNK);
    await bulk(tx, 'insert into enterprise_sector (enterprise_id, sector_code) select * from unnest(?::int[], ?::text[]) on conflict do nothing', [
      pgArray(c.map((p) => p[0])),
      pgArray(c.map((p) => p[1])),
    ]);
  }

  for (let i = 0; i < chainPairs.length; i += CHUNK) {
    const c = chainPairs.slice(i, i + CHUNK);
    await bulk(tx, `insert into ${CHAIN_LINK_TABLE} (enterprise_id, chain_node_id) select * from unnest(?::int[], ?::int[]) on conflict do nothing`, [
      pgArray(c.map((p) => p[0])),
      pgArray(c.map((p) => p[1])),
    ]);
  }

  const audit: AuditRecord[] = rows
    .filter((r) => r.status === 'created' || r.status === 'updated')
    .map((r) => ({
      action: r.status === 'created' ? 'CREATE' : 'UPDATE',
      recordType: 'Enterprise',
      recordId: toGlobalId('Enterprise', r.id!),
      changes: r.changes!,
    }));
  await writeAudit(tx, actor, audit, batchId, bulk);
}
