import type { ClassType } from 'type-graphql';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Authorize } from '../auth';
import type { Context } from '../context';
import { editingOf, type EntityDescriptor } from '../entity-type';
import { createWith, deleteFromArguments, deleteWith, type DeleteInputShape, updateWith } from './entity-editing';
import { DeletePayload } from './payloads';
import type { UserError } from './user-error';

/** One mutation: its `input` type, the two descriptions the schema shows, and its name where it is not the default. */
export interface MutationShape<I extends object> {
  input: ClassType<I>;
  description: string;
  /** Description of the `input` argument. */
  inputDescription: string;
  /** Default: `create`, `update` or `delete` followed by the type's name (`createPark`). */
  name?: string;
}

/**
 * A delete published in 0.1.0 also takes the deprecated `id` (and, where the type could be
 * detached, `detach`) arguments beside `input`; see deleteFromArguments.
 */
export interface LegacyDeleteShape<I extends object> extends MutationShape<I> {
  legacy: { idDescription: string; detachDescription?: string };
}

export interface EditingMutations<T extends object, C extends object, U extends { id: string; expectedVersion: number }, P extends object> {
  create: MutationShape<C>;
  /** `inputDescription` defaults to "The changes.". */
  update: Omit<MutationShape<U>, 'inputDescription'> & { inputDescription?: string };
  /** `detach: true` when the input carries a detach flag that unlinks dependants. */
  delete: (MutationShape<DeleteInputShape> & { detach?: boolean }) | LegacyDeleteShape<DeleteInputShape>;
  /**
   * The payload create and update answer, built from the written record (null on userErrors).
   * Default: the record under the type's name in camel case (`{ park, userErrors }`).
   */
  toPayload?(ctx: Context, record: T | null, userErrors: UserError[]): P | Promise<P>;
}

/**
 * The create, update and delete mutations of an editable type (editor keys; each in its own
 * transaction with an audit entry, update at expectedVersion), built from one declaration so that
 * every type's mutations answer, authorise and audit alike. A type with further mutations extends
 * the returned class with a `@Resolver()` class of its own.
 */
export function editingMutations<T extends object, C extends object, U extends { id: string; expectedVersion: number }, P extends object>(
  type: EntityDescriptor<T, C, U>,
  payload: ClassType<P>,
  spec: EditingMutations<T, C, U, P>,
): abstract new () => object {
  const editing = editingOf(type);
  const { create, update } = spec;
  const remove = spec.delete;
  const recordField = type.typeName.charAt(0).toLowerCase() + type.typeName.slice(1);
  const toPayload = spec.toPayload ?? ((_ctx, record, userErrors) => ({ [recordField]: record, userErrors }) as P);
  const nameOf = (verb: string, shape: { name?: string }) => shape.name ?? `${verb}${type.typeName}`;

  @Resolver()
  abstract class EditingMutationResolver {
    @Authorized(Authorize.EDITOR)
    @Mutation(() => payload, { name: nameOf('create', create), description: create.description })
    async create(@Arg('input', () => create.input, { description: create.inputDescription }) input: C, @Ctx() ctx: Context): Promise<P> {
      const { record, userErrors } = await createWith(ctx, editing, input);
      return toPayload(ctx, record, userErrors);
    }

    @Authorized(Authorize.EDITOR)
    @Mutation(() => payload, { name: nameOf('update', update), description: update.description })
    async update(@Arg('input', () => update.input, { description: update.inputDescription ?? 'The changes.' }) input: U, @Ctx() ctx: Context): Promise<P> {
      const { record, userErrors } = await updateWith(ctx, editing, input);
      return toPayload(ctx, record, userErrors);
    }
  }

  if (!('legacy' in remove)) {
    const detachable = remove.detach === true;
    @Resolver()
    abstract class WithDelete extends EditingMutationResolver {
      @Authorized(Authorize.EDITOR)
      @Mutation(() => DeletePayload, { name: nameOf('delete', remove), description: remove.description })
      delete(@Arg('input', () => remove.input, { description: remove.inputDescription }) input: DeleteInputShape, @Ctx() ctx: Context): Promise<DeletePayload> {
        return deleteWith(ctx, editing, input.id, detachable && input.detach === true, ['input', 'id']);
      }
    }
    return WithDelete;
  }

  const { legacy } = remove;
  // Only the variant returned may be declared: type-graphql maps a base class's handlers onto the
  // first resolver class it finds extending it, so a second, unused subclass would take them.
  if (!legacy.detachDescription) {
    @Resolver()
    abstract class WithLegacyDelete extends EditingMutationResolver {
      @Authorized(Authorize.EDITOR)
      @Mutation(() => DeletePayload, { name: nameOf('delete', remove), description: remove.description })
      delete(
        @Arg('input', () => remove.input, { nullable: true, description: remove.inputDescription }) input: DeleteInputShape | null,
        @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: legacy.idDescription }) id: string | null,
        @Ctx() ctx: Context,
      ): Promise<DeletePayload> {
        return deleteFromArguments(ctx, editing, { id, input });
      }
    }
    return WithLegacyDelete;
  }

  @Resolver()
  abstract class WithLegacyDetach extends EditingMutationResolver {
    @Authorized(Authorize.EDITOR)
    @Mutation(() => DeletePayload, { name: nameOf('delete', remove), description: remove.description })
    delete(
      @Arg('input', () => remove.input, { nullable: true, description: remove.inputDescription }) input: DeleteInputShape | null,
      @Arg('id', () => ID, { nullable: true, deprecationReason: 'Use input: { id }.', description: legacy.idDescription }) id: string | null,
      @Arg('detach', { defaultValue: false, deprecationReason: 'Use input: { id, detach }.', description: legacy.detachDescription })
      detach: boolean,
      @Ctx() ctx: Context,
    ): Promise<DeletePayload> {
      return deleteFromArguments(ctx, editing, { id, detach, input });
    }
  }
  return WithLegacyDetach;
}
