import { registerEnumType } from 'type-graphql';

/** The values of an enum that `defineEnum` declared: `type Kind = EnumValue<typeof Kind>`. */
export type EnumValue<E> = E[keyof E];

/**
 * Declares a GraphQL enum from a table of its values and their descriptions (Chinese term first
 * where users know one): returns an object that maps each value to itself, as a TypeScript string
 * enum does, registered with type-graphql under `name`. MikroORM's `@Enum({ items: () => Kind })`
 * reads the same object.
 */
export function defineEnum<const V extends Record<string, string>>(name: string, description: string, values: V): { readonly [K in keyof V]: K } {
  const members = Object.fromEntries(Object.keys(values).map((value) => [value, value])) as { [K in keyof V]: K };
  registerEnumType<typeof members>(members, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([value, text]) => [value, { description: text }])) as Record<keyof V, { description: string }>,
  });
  return Object.freeze(members);
}
