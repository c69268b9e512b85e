import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '../../common/editing/audit';
import { EditingRules, localIdOf, namedDependants } from '../../common/editing/entity-editing';
import type { Values } from '../../common/editing/record-writer';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import * as check from '../../common/editing/validate';
import { tableOf } from '../../common/entity-type';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
// eslint-disable-next-line import-x/no-restricted-paths -- a node's dependants are the firms linked to it, in the firms' table named by their entity
import { Enterprise } from '../enterprise/enterprise.entity';
import type { ChainNode } from './chain-node.entity';
import type { CreateChainNodeInput, UpdateChainNodeInput } from './chain-node.inputs';
import { CHAIN_LINK_TABLE, chainNodeRow, ChainNodeRow, depthOf, MAX_CHAIN_DEPTH, MAX_CHAIN_NODES, siblingNamed } from './chain-node.service';

/** The columns mutations write; `layer` and `position` follow from the parent, never from the input. */
export const CHAIN_NODE_FIELDS = ['nameZh', 'nameEn', 'description', 'sectorCode', 'parentId', 'layer', 'position', 'retired'] as const;

const at = (f: string) => ['input', f];

/** The parent a node may be placed under (create or move): an existing, active node with room below it. */
async function usableParent(tx: SqlEntityManager, parentId: string, errors: UserErrors): Promise<ChainNodeRow | null> {
  const local = localIdOf(parentId, 'ChainNode', at('parentId'), errors);
  if (local === null) return null;
  const parent = await chainNodeRow(tx, local);
  if (!parent) errors.add(at('parentId'), 'No ChainNode has this ID.', UserErrorCode.NOT_FOUND);
  else if (parent.retired) errors.add(at('parentId'), `The chain node “${parent.name_zh}” is retired: nothing can be placed under it.`);
  return parent && !parent.retired ? parent : null;
}

async function nextPosition(tx: SqlEntityManager, parentId: number): Promise<number> {
  const [row] = await runSql<{ p: number }>(tx, sql`select coalesce(max(position) + 1, 0)::int as p from chain_node where parent_id = ${parentId}`);
  return Number(row.p);
}

async function requireFreeName(
  tx: SqlEntityManager,
  place: { parentId: number | null; selfId: number | null; field: string },
  name: string,
  errors: UserErrors,
) {
  const existingId = await siblingNamed(tx, place.parentId, name, place.selfId);
  if (existingId) errors.add(at(place.field), `Another node under the same parent is already named “${name}”.`, UserErrorCode.DUPLICATE, { existingId });
}

/** Height of the subtree below a node (0 for a leaf), from the id paths it prefixes. */
async function subtreeHeight(tx: SqlEntityManager, node: ChainNodeRow): Promise<number> {
  const [row] = await runSql<{ h: number }>(
    tx,
    sql`select coalesce(max(array_length(string_to_array(trim(both '/' from id_path), '/'), 1)), 0)::int as h from chain_node where id_path like ${`${node.id_path}%`}`,
  );
  return Math.max(0, Number(row.h) - (depthOf({ idPath: node.id_path }) + 1));
}

/**
 * Checks an update (rename, move, retire, restore) against the node as it is now and returns the
 * cleaned column values: a move also sets the new layer and the place among the new siblings.
 */
export async function validateChainNodeUpdate(tx: SqlEntityManager, input: UpdateChainNodeInput, node: ChainNodeRow, errors: UserErrors): Promise<Values> {
  const values: Values = {
    nameZh: check.requiredName(input.nameZh, at('nameZh'), errors),
    nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
    description: check.optionalText(input.description, at('description'), errors),
    sectorCode: input.sector,
  };
  if (input.nameZh === null) errors.add(at('nameZh'), 'The Chinese name cannot be cleared.');
  const isRoot = node.parent_id === null;
  let parentId = node.parent_id;
  if (input.parentId === null) errors.add(at('parentId'), 'A segment always has a parent; only the three layers are roots.');
  if (input.parentId != null) {
    const parent = await usableParent(tx, input.parentId, errors);
    if (parent && isRoot) errors.add(at('parentId'), 'The three layer roots cannot be moved.');
    else if (parent && parent.id_path.startsWith(node.id_path)) {
      errors.add(at('parentId'), `“${node.name_zh}” cannot be moved under itself or one of its own sub-segments (that would make a cycle).`);
    } else if (parent && parent.id !== node.parent_id) {
      const deepest = depthOf({ idPath: parent.id_path }) + 1 + (await subtreeHeight(tx, node));
      if (deepest > MAX_CHAIN_DEPTH)
        errors.add(at('parentId'), `The map has at most ${MAX_CHAIN_DEPTH} levels below a layer; this move would need ${deepest}.`);
      parentId = parent.id;
      Object.assign(values, { parentId, layer: parent.layer, position: await nextPosition(tx, parent.id) });
    }
  }
  const name = (values.nameZh as string | undefined) ?? node.name_zh;
  if (values.nameZh !== undefined || parentId !== node.parent_id)
    await requireFreeName(tx, { parentId, selfId: node.id, field: values.nameZh !== undefined ? 'nameZh' : 'parentId' }, name, errors);
  if (input.retired === null) errors.add(at('retired'), 'Send true to retire or false to restore.');
  if (input.retired === true && !node.retired) {
    if (isRoot) errors.add(at('retired'), 'The three layer roots cannot be retired.');
    const [active] = await runSql<{ n: number; names: string[] | string | null }>(
      tx,
      sql`select count(*)::int as n, array_agg(name_zh order by position, id) as names from chain_node where parent_id = ${node.id} and not retired`,
    );
    if (Number(active.n) > 0) {
      errors.add(at('retired'), `“${node.name_zh}” still has ${active.n} active sub-segments; retire or move them first.`, UserErrorCode.HAS_DEPENDANTS);
    }
  }
  if (input.retired === false && node.retired && parentId !== null) {
    const parent = await chainNodeRow(tx, parentId);
    if (parent?.retired) errors.add(at('retired'), `Its parent “${parent.name_zh}” is retired; restore the parent first or move the node.`);
  }
  if (input.retired != null) values.retired = input.retired;
  return values;
}

export const chainNodeEditing: EditingRules<ChainNode, CreateChainNodeInput, UpdateChainNodeInput> = {
  fields: CHAIN_NODE_FIELDS,

  async validateCreate(tx, input, errors) {
    const parent = await usableParent(tx, input.parentId, errors);
    const nameZh = check.requiredName(input.nameZh, at('nameZh'), errors);
    const values: Values = {
      nameZh,
      nameEn: check.optionalText(input.nameEn, at('nameEn'), errors, 300),
      description: check.optionalText(input.description, at('description'), errors),
    };
    if (!parent) return values;
    if (depthOf({ idPath: parent.id_path }) + 1 > MAX_CHAIN_DEPTH) {
      errors.add(at('parentId'), `The map has at most ${MAX_CHAIN_DEPTH} levels below a layer; “${parent.name_zh}” is already at the deepest.`);
    }
    if (nameZh) await requireFreeName(tx, { parentId: parent.id, selfId: null, field: 'nameZh' }, nameZh, errors);
    const [{ n }] = await runSql<{ n: number }>(tx, sql`select count(*)::int as n from chain_node`);
    if (Number(n) >= MAX_CHAIN_NODES) errors.add(at('parentId'), `The chain map holds at most ${MAX_CHAIN_NODES} nodes; retire and delete unused ones first.`);
    return {
      ...values,
      parentId: parent.id,
      layer: parent.layer,
      sectorCode: input.sector === undefined ? parent.sector_code : input.sector,
      position: await nextPosition(tx, parent.id),
    };
  },

  // Updates go through updateChainNode (chain-node.mutations.ts), which also moves the subtree.
  validateUpdate: async (tx, input, id, errors) => {
    const node = await chainNodeRow(tx, id);
    if (!node) return {};
    return validateChainNodeUpdate(tx, input, node, errors);
  },

  async afterCreate(tx, id) {
    await runSql(tx, sql`update chain_node set id_path = (select p.id_path from chain_node p where p.id = chain_node.parent_id) || id || '/' where id = ${id}`);
    return {};
  },

  async dependants(tx, id) {
    return [
      await namedDependants(
        tx,
        'linked firms 关联企业',
        sql`select e.name_zh from ${sql.ident(CHAIN_LINK_TABLE)} l join ${sql.ident(tableOf(Enterprise))} e on e.id = l.enterprise_id where l.chain_node_id = ${id}`,
      ),
    ];
  },

  async detach(tx, id): Promise<FieldChanges> {
    const rows = await runSql<{ other: number }>(
      tx,
      sql`delete from ${sql.ident(CHAIN_LINK_TABLE)} where chain_node_id = ${id} returning enterprise_id as other`,
    );
    return rows.length ? { enterprises: { before: rows.map((r) => toGlobalId('Enterprise', r.other)), after: null } } : {};
  },
};
