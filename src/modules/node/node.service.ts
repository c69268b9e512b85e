import type { Context } from '../../common/context';
import { BadUserInputError } from '../../common/errors';
import { parseGlobalId } from '../../common/global-id';
import type { Node } from '../../common/node';
import { nodeFetchersOf, NodeFetch } from '../../common/entity-type';
import { ENTITY_TYPES } from '../entity-types';

export const MAX_NODES = 100;

/** How each type that implements Node is fetched by its local id: from the types' descriptors. */
const fetchers: ReadonlyMap<string, NodeFetch> = nodeFetchersOf(ENTITY_TYPES);

export const NODE_TYPES = [...fetchers.keys()];

/** The object a global ID names, or null when it no longer exists. Batched per type. */
export async function nodeByGlobalId(ctx: Context, id: string, argument = 'id'): Promise<Node | null> {
  const { type, localId } = parseGlobalId(id, NODE_TYPES, argument);
  return ((await fetchers.get(type)!(ctx, localId)) as Node | null) ?? null;
}

/** Up to 100 objects by global ID, in the order asked; null for each that does not exist. */
export function nodesByGlobalIds(ctx: Context, ids: readonly string[]): Promise<Array<Node | null>> {
  if (ids.length > MAX_NODES) {
    throw new BadUserInputError(`"ids" has ${ids.length} IDs; at most ${MAX_NODES} are allowed.`, { argument: 'ids' });
  }
  const decoded = ids.map((id, i) => parseGlobalId(id, NODE_TYPES, `ids[${i}]`));
  return Promise.all(decoded.map(async ({ type, localId }) => ((await fetchers.get(type)!(ctx, localId)) as Node | null) ?? null));
}
