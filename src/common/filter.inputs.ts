import { Field, Float, InputType, Int, registerEnumType } from 'type-graphql';
import { ProvenanceKind } from './provenance';

@InputType({ description: '整数范围 An inclusive range of integers; leave an end out to leave it open. A record whose value is unknown never matches.' })
export class IntRange {
  @Field(() => Int, { nullable: true, description: 'Smallest value allowed (inclusive).' })
  from?: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest value allowed (inclusive). Must not be less than `from`.' })
  to?: number | null;
}

@InputType({ description: '地理范围 A circle on the map: a point (WGS84) and a radius, measured along the Earth’s surface (great-circle distance).' })
export class GeoRadius {
  @Field(() => Float, { description: 'Latitude of the centre, -90 to 90 (WGS84).' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude of the centre, -180 to 180 (WGS84).' })
  longitude!: number;

  @Field(() => Float, { description: 'Radius in kilometres, 0 to 500.' })
  radiusKm!: number;
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: '排序方向 Direction of an order.',
  valuesConfig: {
    ASC: { description: '升序 Ascending: A→Z, smallest first.' },
    DESC: { description: '降序 Descending: Z→A, largest first.' },
  },
});

/**
 * The fields every directory filter shares. Each entity filter extends this class, so a field
 * added here reaches every list, facet and export that takes a filter.
 */
@InputType({ description: 'Fields every directory filter shares; not used on its own.' })
export abstract class DirectoryFilterFields {
  @Field(() => [ProvenanceKind], {
    nullable: true,
    description:
      '数据来源 Only records of any of these provenance kinds (e.g. [PUBLIC_SOURCE, OFFICIAL_PLAN] leaves sample and synthetic records out). Default: every kind.',
  })
  provenanceKinds?: ProvenanceKind[] | null;
}

/**
 * The order input of a list: what to sort by (the list's own enum) and the direction, ties broken
 * by ID. One declaration for every list, so each `<Type>Order` reads and defaults alike.
 */
export function orderInput<F extends Record<string, string>>(name: string, fields: F, listOf: string) {
  @InputType(name, { description: `Order of a list of ${listOf}; ties are always broken by ID in the same direction.` })
  class Order {
    @Field(() => fields, { description: 'What to sort by.' })
    field!: F[keyof F];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending (default) or descending.' })
    direction: OrderDirection = OrderDirection.ASC;
  }
  return Order;
}

/** What a list's NAME order says, where it sorts by the Chinese name. */
export const ORDER_BY_NAME = '名称 Chinese name in pinyin order (拼音排序).';

/**
 * The ordering of a list of one type: the `<type>OrderField` enum ("What to sort `listOf` by."),
 * which always has ID (order of entry, the default) besides the `values` given with their
 * descriptions, and the `<type>Order` input from {@link orderInput}.
 */
export function listOrder<K extends string>(type: string, listOf: string, values: Record<K, string>) {
  const descriptions: Record<string, string> = { ...values, ID: 'Order of entry into the directory (the default).' };
  const enumObject: Record<string, string> = {};
  const valuesConfig: Record<string, { description: string }> = {};
  for (const [key, description] of Object.entries(descriptions)) {
    enumObject[key] = key;
    valuesConfig[key] = { description };
  }
  registerEnumType(enumObject, { name: `${type}OrderField`, description: `What to sort ${listOf} by.`, valuesConfig });
  const fields = enumObject as { [P in K | 'ID']: P };
  return { fields, input: orderInput(`${type}Order`, fields, listOf) };
}
