import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../../common/auth';
import type { Context } from '../../common/context';
import { Actor, writeAudit } from '../../common/editing/audit';
import { createWith, deleteWith, localIdOf } from '../../common/editing/entity-editing';
import { DeletePayload } from '../../common/editing/payloads';
import { abortIfErrors, actorOf, runWrite, selectRow, updateRecord } from '../../common/editing/record-writer';
import { UserErrorCode, UserErrors } from '../../common/editing/user-error';
import { editingOf } from '../../common/entity-type';
import { toGlobalId } from '../../common/global-id';
import { runSql, sql } from '../../common/sql';
import { chainNodeType } from './chain-node.descriptor';
import { validateChainNodeUpdate } from './chain-node.editing';
import { ChainNode } from './chain-node.entity';
import { CreateChainNodeInput, DeleteChainNodeInput, UpdateChainNodeInput } from './chain-node.inputs';
import { chainNodeRow, ChainNodeRow } from './chain-node.service';
import { ChainNodePayload } from './chain-node.types';

const editing = editingOf(chainNodeType);

/**
 * After a move: the subtree's id paths follow the node, and its layer becomes the new root's.
 * A descendant whose layer changes gets a new version and an audit entry of its own.
 */
async function moveSubtree(tx: SqlEntityManager, node: ChainNodeRow, actor: Actor): Promise<void> {
  const moved = await runSql<{ id: number; old_layer: string; layer: string }>(
    tx,
    sql`with np as (select p.id_path || ${String(node.id)} || '/' as prefix, p.layer from chain_node p join chain_node n on n.parent_id = p.id where n.id = ${node.id}),
             sub as (select id, layer as old_layer from chain_node where id_path like ${`${node.id_path}%`})
        update chain_node d
           set id_path = np.prefix || substr(d.id_path, ${node.id_path.length + 1}),
               layer = np.layer,
               version = d.version + case when d.id <> ${node.id} and d.layer <> np.layer then 1 else 0 end,
               updated_at = case when d.id <> ${node.id} and d.layer <> np.layer then now() else d.updated_at end
          from np, sub where sub.id = d.id
        returning d.id, sub.old_layer, d.layer`,
  );
  const relayered = moved.filter((m) => Number(m.id) !== node.id && m.old_layer !== m.layer);
  if (relayered.length) {
    await writeAudit(
      tx,
      actor,
      relayered.map((m) => ({
        action: 'UPDATE' as const,
        recordType: 'ChainNode',
        recordId: toGlobalId('ChainNode', Number(m.id)),
        changes: { layer: { before: m.old_layer, after: m.layer } },
      })),
    );
  }
}

/** Writes to the chain map (editor keys). Each mutation runs in its own transaction and is audited. */
@Resolver(() => ChainNode)
export class ChainNodeMutationResolver {
  @Authorized(Authorize.EDITOR)
  @Mutation(() => ChainNodePayload, { description: '新增产业链节点 Adds a segment or sub-segment under an existing node (editor key).' })
  async createChainNode(
    @Arg('input', () => CreateChainNodeInput, { description: 'The new node.' }) input: CreateChainNodeInput,
    @Ctx() ctx: Context,
  ): Promise<ChainNodePayload> {
    const { record, userErrors } = await createWith(ctx, editing, input);
    return { chainNode: record, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => ChainNodePayload, {
    description:
      '修改产业链节点 Renames, moves (with its subtree; no cycles), retires or restores a node if it is still at expectedVersion (editor key); otherwise CONFLICT.',
  })
  async updateChainNode(
    @Arg('input', () => UpdateChainNodeInput, { description: 'The changes.' }) input: UpdateChainNodeInput,
    @Ctx() ctx: Context,
  ): Promise<ChainNodePayload> {
    const actor = actorOf(ctx);
    const { result, userErrors } = await runWrite(ctx, async (tx, errors) => {
      const id = localIdOf(input.id, 'ChainNode', ['input', 'id'], errors);
      abortIfErrors(errors);
      const node = await chainNodeRow(tx, id!, true);
      if (!node) errors.add(['input', 'id'], 'No ChainNode has this ID (it may have been deleted).', UserErrorCode.NOT_FOUND);
      abortIfErrors(errors);
      const values = await validateChainNodeUpdate(tx, input, node!, errors);
      abortIfErrors(errors);
      const outcome = await updateRecord(tx, editing, { id: id!, expectedVersion: input.expectedVersion, values, actor, errors });
      if (outcome.changed && values.parentId !== undefined) await moveSubtree(tx, node!, actor);
      return tx.map(ChainNode, (await selectRow(tx, editing.table, id!)) as never);
    });
    return { chainNode: result, userErrors };
  }

  @Authorized(Authorize.EDITOR)
  @Mutation(() => DeletePayload, {
    description:
      '删除产业链节点 Deletes a node (editor key). Refused while it has sub-segments, and (HAS_DEPENDANTS) while firms are linked to it unless input.detach is true. Retire a node to keep its history.',
  })
  async deleteChainNode(
    @Arg('input', () => DeleteChainNodeInput, { description: 'The node to delete, and whether to unlink its firms.' }) input: DeleteChainNodeInput,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    const errors = new UserErrors();
    const id = localIdOf(input.id, 'ChainNode', ['input', 'id'], errors);
    if (id !== null) {
      const [children] = await runSql<{ n: number; names: string | string[] | null }>(
        ctx.em.fork(),
        sql`select count(*)::int as n, string_agg(name_zh, '、' order by position, id) as names from chain_node where parent_id = ${id}`,
      );
      if (Number(children.n) > 0) {
        errors.add(
          ['input', 'id'],
          `This node has ${children.n} sub-segments (${String(children.names)}); move or delete them first (detach only unlinks firms).`,
          UserErrorCode.HAS_DEPENDANTS,
        );
      }
    }
    if (!errors.empty) return { deletedId: null, userErrors: errors.list };
    return deleteWith(ctx, editing, input.id, input.detach ?? false, ['input', 'id']);
  }
}
