import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import type { Connection } from './connection.types';
import { ConnectionSpec, fetchConnections, RawConnection, toConnection } from './connection-query';
import { PaginationArgs, toPage } from './pagination';
import { selectsField } from './selection';

type Key = number | string;

/** DataLoader keys cannot be null; the root list is loaded under this key. */
const ROOT = '\u0000root';

export interface ConnectionRequest<T> {
  /** Names the list and everything that shapes its SQL (filter, order), for batching. */
  key: string;
  spec: ConnectionSpec;
  args: PaginationArgs;
  info: GraphQLResolveInfo;
  /** Turns a row into the node object. */
  map: (row: Record<string, unknown>) => T;
}

/**
 * Loads one page of a list hanging off `parent` (or the root list when parent is null). All
 * parents that ask for the same list with the same arguments in one request are served by one
 * SQL statement.
 */
export async function loadConnection<T>(ctx: Context, parent: Key | null, request: ConnectionRequest<T>): Promise<Connection<T>> {
  const page = toPage(request.args);
  const withTotal = selectsField(request.info, 'totalCount');
  const name = `connection:${request.key}:${JSON.stringify([page, withTotal])}`;
  const loader = ctx.loaders.get<Key, RawConnection<Record<string, unknown>>>(name, async (keys) => {
    const parents = keys[0] === ROOT ? null : keys;
    const argument = { cursor: page.direction === 'forward' ? 'after' : 'before' };
    const result = await fetchConnections(ctx.em, request.spec, parents, { page, withTotal, argument });
    return keys.map((k) => result.get(k === ROOT ? null : k)!);
  });
  const raw = await loader.load(parent ?? ROOT);
  return toConnection(raw, page, request.map);
}
