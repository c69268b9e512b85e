import { OptionalField } from './fields';
import { Field, ID, InputType, Int } from 'type-graphql';

/*
 * Bases of the create, update and delete inputs of directory records. type-graphql inherits the
 * fields of a base only when the base is an input type itself; the bases are never reachable from a
 * query, so their names stay out of the schema and need only be unique. Deprecated fields stay in
 * the inputs themselves: type-graphql 2.0.0-rc.4 drops a deprecation reason on inherited fields.
 */

/** The description of a base input type, which only its subclasses' fields ever show. */
export const NOT_IN_SCHEMA = 'Never in the schema itself: its fields are inherited.';
let bases = 0;
const baseName = (kind: string): string => `${kind}Base${++bases}`;

/** What most update inputs say of `expectedVersion`. */
export const STALE_VERSION = 'The version you read; a stale one gets CONFLICT and nothing is written.';

/**
 * The base of an input that changes one record: its `id` (`idDescription` says which record, e.g.
 * "The park to change.") and the `expectedVersion` the client read, for optimistic locking.
 */
export function versionedInput(idDescription: string, versionDescription = STALE_VERSION) {
  @InputType(baseName('Versioned'), { description: NOT_IN_SCHEMA })
  abstract class Versioned {
    @Field(() => ID, { description: idDescription })
    id!: string;

    @Field(() => Int, { description: versionDescription })
    expectedVersion!: number;
  }
  return Versioned;
}

/** The bilingual name of a new record: Chinese required, English optional. */
@InputType('NamedRecordInputBase', { description: NOT_IN_SCHEMA })
export abstract class NamedRecordInput {
  @Field({ description: 'Chinese name, not blank.' })
  nameZh!: string;

  @OptionalField(String, 'English name.') nameEn?: string | null;
}

/** A new record's bilingual name and its description. */
@InputType('DescribedRecordInputBase', { description: NOT_IN_SCHEMA })
export abstract class DescribedRecordInput extends NamedRecordInput {
  @OptionalField(String, 'Description, Chinese first, English after.') description?: string | null;
}

/**
 * The base of a named record's update input: `id` ("The `noun` to change."), `expectedVersion`,
 * and the bilingual name, whose Chinese half cannot be cleared.
 */
export function namedUpdateInput(noun: string) {
  @InputType(baseName('NamedUpdate'), { description: NOT_IN_SCHEMA })
  abstract class NamedUpdate extends versionedInput(`The ${noun} to change.`) {
    @Field(() => String, { nullable: true, description: 'Chinese name; cannot be cleared.' })
    nameZh?: string | null;

    @Field(() => String, { nullable: true, description: 'English name.' })
    nameEn?: string | null;
  }
  return NamedUpdate;
}

/** {@link namedUpdateInput} and the record's description. */
export function describedUpdateInput(noun: string) {
  @InputType(baseName('DescribedUpdate'), { description: NOT_IN_SCHEMA })
  abstract class DescribedUpdate extends namedUpdateInput(noun) {
    @Field(() => String, { nullable: true, description: 'Description.' })
    description?: string | null;
  }
  return DescribedUpdate;
}

/** The base of a delete input: the record's `id` ("ID of the `noun` to delete."). */
export function deleteInput(noun: string) {
  @InputType(baseName('Delete'), { description: NOT_IN_SCHEMA })
  abstract class Delete {
    @Field(() => ID, { description: `ID of the ${noun} to delete.` })
    id!: string;
  }
  return Delete;
}

/**
 * {@link deleteInput} with `detach` (default false): unlink what depends on the record first;
 * `detachDescription` says what that is for the type.
 */
export function detachingDeleteInput(noun: string, detachDescription: string) {
  @InputType(baseName('DetachingDelete'), { description: NOT_IN_SCHEMA })
  abstract class DetachingDelete extends deleteInput(noun) {
    @Field({ defaultValue: false, description: detachDescription })
    detach: boolean = false;
  }
  return DetachingDelete;
}
