import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The Relay `Node` interface. The GraphQL field `id` is the opaque global ID; each implementing
 * entity exposes it as its `globalId` getter so that its database `id` stays an integer.
 */
@InterfaceType('Node', {
  description: 'An object with a stable, opaque global ID that `node(id)` can fetch.',
  resolveType: (value: { constructor: { name: string } }) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global ID; stable across releases and exports.' })
  globalId!: string;
}
