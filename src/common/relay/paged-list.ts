import type { GraphQLResolveInfo } from 'graphql';
import type { ClassType } from 'type-graphql';
import { Arg, Args, createParameterDecorator, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { Ordering } from './connection-query';
import { type Connection, ConnectionArgs } from './connection.types';
import type { ListOptions, Via } from './entity-list';

const ORDER_DESCRIPTION = 'Order of the list; by default the order of entry (ID).';

/** Fills the place of an argument a list does not take: type-graphql passes parameters in order, skipping none. */
const absent = createParameterDecorator(() => undefined);

/** The record a linked list hangs off, and the relation it follows. */
export interface ListParent {
  id: number | string;
  via: Via;
}

/** How one type is listed in the schema: its connection, list function, `filter` input and `orderBy` input. */
interface PagedListSpec<T, F extends object, O extends object> {
  connection: ClassType<object>;
  list: ListFunction<T, F>;
  /** The `filter` argument's input and default description. */
  filter: readonly [input: ClassType<F>, description: string];
  /** The `orderBy` argument's input and the ordering it asks for; absent when the type has no order input. */
  order?: readonly [input: ClassType<O>, ordering: (order: O | null | undefined) => Ordering];
}

/** A module's list function: the root list when `parent` is null, else the records linked to it. */
export type ListFunction<T, F> = (ctx: Context, options: ListOptions<F>, parent: ListParent | null) => Promise<Connection<T>>;

/** What one list field takes beyond the type's defaults. */
export interface ListFieldOptions<R = never> {
  /** The parent's key the relation holds; default: its `id`. */
  key?: (root: R) => number | string;
  /** `RootConnectionArgs` where the list also takes `offset`; ConnectionArgs otherwise. */
  paging?: ClassType<ConnectionArgs>;
  /** Another description of `filter`, or false where the field takes none. */
  filter?: string | false;
  /** False where the field takes no `orderBy`. */
  order?: false;
}

/** Declares a root query or a parent's field answering with one page of a type's records. */
export interface PagedList {
  /** The root query; the module's resolver class extends the class returned. */
  query(name: string, description: string, options?: ListFieldOptions): new () => object;
  /**
   * A field of `parentType` listing the records linked to the parent `via` a relation (keyed by the
   * parent's `id`, or by `options.key`), served by the class returned: list it among the module's resolvers.
   */
  field<R extends object>(parentType: ClassType<R>, name: string, description: string, via: Via, options?: ListFieldOptions<R>): new () => object;
}

/**
 * The list fields of one type (the root query and the links from other types), all built from one
 * declaration so that every list takes the same paging, `filter` and `orderBy` arguments and pages
 * through the same batched statement. A module's resolver class extends what `query`/`field` returns.
 */
export function pagedList<T, F extends object, O extends object>(
  connection: ClassType<object>,
  list: ListFunction<T, F>,
  filter: PagedListSpec<T, F, O>['filter'],
  order?: PagedListSpec<T, F, O>['order'],
): PagedList {
  const spec: PagedListSpec<T, F, O> = { connection, list, filter, order };
  return {
    query: (name, description, options = {}) => listResolver(spec, { name, description, options, parent: null }),
    field: (parentType, name, description, via, options = {}) => {
      const key = options.key ?? ((root) => (root as { id: number }).id);
      return listResolver(spec, { name, description, options, parent: { type: parentType, of: (root) => ({ id: key(root), via }) } });
    },
  };
}

function listResolver<T, F extends object, O extends object, R extends object>(
  spec: PagedListSpec<T, F, O>,
  field: { name: string; description: string; options: ListFieldOptions<R>; parent: { type: ClassType<R>; of: (root: R) => ListParent } | null },
): new () => object {
  const { options, parent } = field;
  const [filterInput, defaultFilterDescription] = spec.filter;
  const filterDescription = options.filter ?? defaultFilterDescription;
  const order = options.order === false ? undefined : spec.order;
  const handler = parent ? FieldResolver : Query;
  const filterArg = filterDescription === false ? absent : Arg('filter', () => filterInput, { nullable: true, description: filterDescription });
  const orderArg = order ? Arg('orderBy', () => order[0], { nullable: true, description: ORDER_DESCRIPTION }) : absent;

  // Only this one class may be declared here: type-graphql maps a base class's handlers onto the
  // first resolver class it finds extending it. The handler is named for the field: type-graphql
  // finds a type's field resolver by method name, so two lists of one parent must not share one.
  @(parent ? Resolver(() => parent.type) : Resolver())
  class PagedListResolver {
    // eslint-disable-next-line max-params -- type-graphql fills a handler's parameters by their decorators; nobody calls it by position
    @handler(() => spec.connection, { name: field.name, description: field.description })
    [field.name](
      @Args(() => options.paging ?? ConnectionArgs) args: ConnectionArgs,
      @filterArg filter: F | null | undefined,
      @orderArg orderBy: O | null | undefined,
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
      @(parent ? Root() : absent) root: R,
    ): Promise<Connection<T>> {
      return spec.list(ctx, { filter, args, info, ordering: order?.[1](orderBy) }, parent ? parent.of(root) : null);
    }
  }
  return PagedListResolver;
}
