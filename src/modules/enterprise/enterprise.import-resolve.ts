import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { FieldChanges, pgArray } from '../../common/editing/audit';
import { sameValue } from '../../common/editing/record-writer';
import { UserErrors } from '../../common/editing/user-error';
import { toGlobalId } from '../../common/global-id';
import { ENTERPRISE_FIELDS } from './enterprise.editing';
import { columnName, ColumnOf, ExistingFirm, ImportField, ImportRowError, PreparedRow, reportRowErrors } from './enterprise.import-parse';
import { bulk } from './enterprise.import-write';
import { CHAIN_LINK_TABLE } from '../chain-node/chain-node.service';

/**
 * Resolving, the second step of an import: names of parks, sectors and chain nodes become ids and codes, and
 * each row is matched to the firm it updates (by credit code, else by exact Chinese name) or
 * becomes a new firm; what each row changes is worked out here, for the audit trail.
 */

/** Parks, sectors and chain nodes by every name a file may use for them (lower case). */
export interface Reference {
  parks: Map<string, number>;
  sectors: Map<string, string>;
  /** Every node a name may mean: one for a key, path or ID; several for a bare name two nodes share. */
  chainNodes: Map<string, ChainNodeRef[]>;
}

interface ChainNodeRef {
  id: number;
  path: string;
  retired: boolean;
}

/**
 * How a chain node reference is compared: lower case, spaces around the path separator dropped, so
 * "基础层 / 智能传感器", "基础层/智能传感器" and "基础层／智能传感器" are one path.
 */
function chainKey(text: string): string {
  return text
    .replace(/／/g, '/')
    .split('/')
    .map((s) => s.trim())
    .join('/')
    .toLowerCase();
}

export async function loadReference(em: SqlEntityManager): Promise<Reference> {
  const parks = new Map<string, number>();
  const parkRows = (await em.execute('select id, name_zh, name_en, aliases from park')) as Array<{
    id: number;
    name_zh: string;
    name_en: string | null;
    aliases: string[];
  }>;
  for (const p of parkRows) {
    for (const name of [p.name_zh, p.name_en, ...(p.aliases ?? []), toGlobalId('Park', p.id)]) if (name) parks.set(name.toLowerCase(), p.id);
  }
  const sectors = new Map<string, string>();
  const sectorRows = (await em.execute('select code, name_zh, name_en from sector')) as Array<{ code: string; name_zh: string; name_en: string }>;
  for (const s of sectorRows) for (const name of [s.code, s.name_zh, s.name_en]) sectors.set(name.toLowerCase(), s.code);
  return { parks, sectors, chainNodes: await loadChainNodes(em) };
}

/**
 * Chain nodes by seed key (seeds/chain-nodes.json), global ID, Chinese or English path (as
 * ChainNode.path and pathEn show them) and bare Chinese name; a bare name two nodes share is
 * kept with both, and resolving asks for the path.
 */
async function loadChainNodes(em: SqlEntityManager): Promise<Map<string, ChainNodeRef[]>> {
  const rows = (await em.execute('select id, parent_id, key, name_zh, name_en, retired from chain_node')) as Array<{
    id: number;
    parent_id: number | null;
    key: string | null;
    name_zh: string;
    name_en: string | null;
    retired: boolean;
  }>;
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const pathOf = (row: (typeof rows)[number], lang: 'zh' | 'en'): string[] => {
    const names: string[] = [];
    // The depth guard keeps a corrupt parent cycle from hanging the import.
    for (let at: (typeof rows)[number] | undefined = row, depth = 0; at && depth < 10; depth++) {
      names.unshift(lang === 'zh' ? at.name_zh : (at.name_en ?? at.name_zh));
      at = at.parent_id === null ? undefined : byId.get(Number(at.parent_id));
    }
    return names;
  };
  const nodes = new Map<string, ChainNodeRef[]>();
  const add = (name: string | null, ref: ChainNodeRef) => {
    if (!name) return;
    const key = chainKey(name);
    const list = nodes.get(key);
    if (!list) nodes.set(key, [ref]);
    else if (!list.some((r) => r.id === ref.id)) list.push(ref);
  };
  for (const row of rows) {
    const zh = pathOf(row, 'zh');
    const ref = { id: Number(row.id), path: zh.join(' / '), retired: Boolean(row.retired) };
    for (const name of [row.key, toGlobalId('ChainNode', ref.id), ref.path, pathOf(row, 'en').join('/'), row.name_zh]) add(name, ref);
  }
  return nodes;
}

/**
 * Parks by name, alias or global ID, sectors by name or code, chain nodes by path, name, key or
 * global ID; an unknown one, a bare name that two chain nodes share, or a retired chain node is an
 * error of its row.
 */
export function resolveNames(row: PreparedRow, ref: Reference, columnOf: ColumnOf, errors: ImportRowError[]): void {
  const found = new UserErrors();
  for (const name of row.parkNames) {
    const id = ref.parks.get(name.toLowerCase());
    if (id === undefined) found.add(['parks'], `No park is called "${name}"; use a park's Chinese name as the directory lists it.`);
    else if (!row.parkIds.includes(id)) row.parkIds.push(id);
  }
  for (const name of row.sectorNames) {
    const code = ref.sectors.get(name.toLowerCase());
    if (code === undefined) found.add(['sectors'], `"${name}" is not a focus sector; use its Chinese name (e.g. 智慧海洋) or code (SMART_OCEAN).`);
    else if (!row.sectors.includes(code)) row.sectors.push(code);
  }
  for (const name of row.chainNodeNames) {
    const nodes = ref.chainNodes.get(chainKey(name)) ?? [];
    if (!nodes.length) {
      found.add(
        ['chainNodes'],
        `No chain node is called "${name}"; use its path as chainMap lists it (e.g. 基础层 / 智能传感器 / 图像传感器), its name, or its key.`,
      );
    } else if (nodes.length > 1) {
      found.add(['chainNodes'], `"${name}" names ${nodes.length} chain nodes (${nodes.map((n) => n.path).join('; ')}); write the path of the one you mean.`);
    } else if (nodes[0].retired) {
      found.add(['chainNodes'], `The chain node “${nodes[0].path}” is retired (已停用); firms can no longer be linked to it.`);
    } else if (!row.chainNodeIds.includes(nodes[0].id)) row.chainNodeIds.push(nodes[0].id);
  }
  reportRowErrors(row.line, found, columnOf, errors);
  if (!found.empty) row.status = 'invalid';
}

/**
 * Matches the valid rows to existing firms inside the import's transaction and works out each
 * row's status (created, updated, unchanged) and changes. Rows that cannot be matched safely (two
 * firms of that name, a name whose firm has another credit code, two rows for one firm, a new
 * firm without a layer) are errors.
 */
export async function matchExisting(tx: SqlEntityManager, rows: PreparedRow[], columnOf: ColumnOf, errors: ImportRowError[]): Promise<void> {
  // Firms may not change between matching and writing. Locking each matched row would write
  // every tuple; one table lock (other writers wait, readers do not) is cheaper and also keeps
  // a concurrent writer from creating a firm with a code this import is about to insert.
  await bulk(tx, 'lock table enterprise in share row exclusive mode', []);
  // Rows already invalid are left out, so matching still reports every other problem.
  rows = rows.filter((r) => r.status !== 'invalid');
  const codes = rows.map((r) => r.values.creditCode).filter((c): c is string => typeof c === 'string');
  const names = rows.map((r) => r.values.nameZh as string);
  const found = (await bulk(
    tx,
    // Joins against the file's codes and names (hash joins), not "= any(array)" tested row by row.
    `select * from enterprise where id in (
       select e.id from enterprise e join unnest(?::text[]) as c(v) on e.credit_code = c.v
       union select e.id from enterprise e join unnest(?::text[]) as n(v) on e.name_zh = n.v)
     order by id`,
    [pgArray(codes), pgArray(names)],
  )) as ExistingFirm[];
  const byCode = new Map(found.filter((f) => f.credit_code).map((f) => [f.credit_code, f]));
  const byName = new Map<string, ExistingFirm[]>();
  for (const f of found) byName.set(f.name_zh, [...(byName.get(f.name_zh) ?? []), f]);
  const claimed = new Map<number, number>();

  const matchedIds = new Set<number>();
  for (const row of rows) {
    const code = row.values.creditCode as string | undefined;
    const error = (field: ImportField, message: string) => {
      errors.push({ line: row.line, column: columnName(columnOf, field), message });
      row.status = 'invalid';
    };
    let match = code ? byCode.get(code) : undefined;
    if (!match) {
      const sameName = byName.get(row.values.nameZh as string) ?? [];
      if (sameName.length > 1) error('nameZh', `${sameName.length} firms are called “${String(row.values.nameZh)}”; add the credit code to say which one.`);
      else if (sameName.length === 1) {
        if (code && sameName[0].credit_code && sameName[0].credit_code !== code) {
          error('creditCode', `“${String(row.values.nameZh)}” is in the directory with credit code ${sameName[0].credit_code}, not ${code}.`);
        } else match = sameName[0];
      }
    }
    if (match) {
      const other = claimed.get(match.id);
      if (other !== undefined) error('nameZh', `Line ${other} already updates the same firm “${match.name_zh}”.`);
      claimed.set(match.id, row.line);
      matchedIds.add(match.id);
      row.match = match;
    } else if (row.values.layer === undefined) {
      error('layer', `A new firm needs its chain layer (产业链环节: 基础层, 技术层 or 应用层).`);
    }
  }
  if (errors.length) return;

  const ids = [...matchedIds];
  const parkLinks = new Set(
    (
      (await bulk(tx, 'select enterprise_id, park_id from enterprise_park where enterprise_id in (select unnest(?::int[]))', [pgArray(ids)])) as Array<{
        enterprise_id: number;
        park_id: number;
      }>
    ).map((l) => `${l.enterprise_id}:${l.park_id}`),
  );
  const sectorLinks = new Set(
    (
      (await bulk(tx, 'select enterprise_id, sector_code from enterprise_sector where enterprise_id in (select unnest(?::int[]))', [pgArray(ids)])) as Array<{
        enterprise_id: number;
        sector_code: string;
      }>
    ).map((l) => `${l.enterprise_id}:${l.sector_code}`),
  );

  const chainLinks = new Set(
    (
      (await bulk(tx, `select enterprise_id, chain_node_id from ${CHAIN_LINK_TABLE} where enterprise_id in (select unnest(?::int[]))`, [
        pgArray(ids),
      ])) as Array<{
        enterprise_id: number;
        chain_node_id: number;
      }>
    ).map((l) => `${l.enterprise_id}:${l.chain_node_id}`),
  );

  const chainChange = (row: PreparedRow) => ({ before: null, after: row.chainNodeIds.map((n) => toGlobalId('ChainNode', n)) });
  for (const row of rows) {
    const changes: FieldChanges = {};
    if (!row.match) {
      for (const f of ENTERPRISE_FIELDS) if (row.values[f] !== undefined) changes[f] = { before: null, after: row.values[f] };
      if (row.parkIds.length) changes.parks = { before: null, after: row.parkIds.map((p) => toGlobalId('Park', p)) };
      if (row.sectors.length) changes.sectors = { before: null, after: row.sectors };
      if (row.chainNodeIds.length) changes.chainNodes = chainChange(row);
      row.changes = changes;
      row.status = 'created';
      continue;
    }
    const m = row.match;
    row.id = m.id;
    for (const f of ENTERPRISE_FIELDS) {
      const value = row.values[f];
      if (value === undefined || value === null) continue;
      const col = f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      if (!sameValue(m[col], value)) changes[f] = { before: m[col] ?? null, after: value };
    }
    row.parkIds = row.parkIds.filter((p) => !parkLinks.has(`${m.id}:${p}`));
    row.sectors = row.sectors.filter((s) => !sectorLinks.has(`${m.id}:${s}`));
    if (row.parkIds.length) changes.parks = { before: null, after: row.parkIds.map((p) => toGlobalId('Park', p)) };
    if (row.sectors.length) changes.sectors = { before: null, after: row.sectors };
    row.chainNodeIds = row.chainNodeIds.filter((n) => !chainLinks.has(`${m.id}:${n}`));
    if (row.chainNodeIds.length) changes.chainNodes = chainChange(row);
    row.changes = changes;
    row.status = Object.keys(changes).length ? 'updated' : 'unchanged';
  }
}
