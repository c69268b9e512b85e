import { ClassType, Field, ObjectType } from 'type-graphql';
import { UserError } from './editing/user-error';

let bases = 0;

/**
 * The base of a create/update mutation's payload: the record under `field` (null when nothing
 * was written) and `userErrors`. A payload type extends it and names itself:
 * `@ObjectType({ description }) class ParkPayload extends writePayload(() => Park, 'park', 'park') {}`;
 * `noun` words the record in the field's description. The base itself is never in the schema.
 */
export function writePayload<T extends object, K extends string>(type: () => ClassType<T>, field: K, noun: string) {
  @ObjectType(`WritePayload${++bases}`)
  abstract class WritePayload {
    @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
    userErrors!: UserError[];
  }
  // The record's property is named by the type, so it is declared here rather than in the class body.
  Field(type, { nullable: true, description: `The ${noun} after the write; null when userErrors is not empty.` })(WritePayload.prototype, field);
  return WritePayload as abstract new () => WritePayload & { [P in K]: T | null };
}

/**
 * The base of a link/unlink mutation's payload: whether the link changed, and userErrors. A
 * payload type extends it with the records on either side of the link. Never in the schema itself.
 */
@ObjectType('LinkPayloadBase')
export abstract class LinkPayload {
  @Field({ description: 'Whether the link was added or removed; false when it already was as asked.' })
  changed!: boolean;

  @Field(() => [UserError], { description: 'Why nothing changed (a record not found, a wrong ID); empty on success.' })
  userErrors!: UserError[];
}
