import { ClassType, Field, Int, ObjectType, ArgsType } from 'type-graphql';

@ObjectType({ description: 'Relay page information: where this page sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; pass as `before`.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; pass as `after`.' })
  endCursor!: string | null;
}

/** The arguments every connection field takes. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Return the first N items (1-100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (an endCursor).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Return the last N items (1-100), with `before`.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (a startCursor).' })
  before?: string | null;
}

/** Arguments of a root list: the connection arguments plus `offset` for jumping to page N. */
@ArgsType()
export class RootConnectionArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description:
      'Skip this many items first (0-10000), to jump to page N: offset = (N-1) × first. Not with `after`, `before` or `last`; cursors are cheaper for walking a list.',
  })
  offset?: number | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What every connection resolver returns; totalCount is null when the query did not ask for it. */
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

const connectionTypes = new Map<string, ClassType>();

/**
 * The Relay connection and edge types for `node` (`<Name>Connection`, `<Name>Edge`), built once
 * per node type so every list in the schema has the same shape.
 */
export function connectionType<T extends object>(nodeType: () => unknown, name: string, describe: string): ClassType<Connection<T>> {
  const existing = connectionTypes.get(name);
  if (existing) return existing as ClassType<Connection<T>>;

  @ObjectType(`${name}Edge`, { description: `An edge to one ${describe} in a list, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Cursor of this item; pass as `after` or `before`.' })
    cursor!: string;

    @Field(nodeType as () => ClassType, { description: `The ${describe}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${describe} items (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, each with its cursor.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list (all pages), with the same filter.' })
    totalCount!: number;
  }

  connectionTypes.set(name, ConnectionType);
  return ConnectionType as ClassType<Connection<T>>;
}
