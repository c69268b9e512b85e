import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DirectoryFilterFields, orderInput } from '../../common/filter.inputs';
import { ComputeCenterStatus } from './compute-center.entity';
import { ComputeKind } from './compute-center.enums';

@InputType({
  description: '算力设施筛选 Narrows a list of compute facilities. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class ComputeCenterFilter extends DirectoryFilterFields {
  @Field(() => [ComputeKind], {
    nullable: true,
    description: '类别 Facilities of any of these kinds: their main kind, or a capacity of that kind. A facility of unknown kind never matches.',
  })
  kinds?: ComputeKind[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: '算力“一张网” true: facilities known to be in the citywide compute network; false: known not to be. Unknown membership matches neither.',
  })
  inComputeNetwork?: boolean | null;

  @Field(() => [ComputeCenterStatus], { nullable: true, description: 'Facilities at any of these stages.' })
  statuses?: ComputeCenterStatus[] | null;

  @Field(() => [ID], { nullable: true, description: 'Facilities located in any of these parks (Park IDs).' })
  parkIds?: string[] | null;

  @Field(() => [ComputeCenterFilter], { nullable: true, description: 'Every one of these filters holds (且).' })
  and?: ComputeCenterFilter[] | null;

  @Field(() => [ComputeCenterFilter], { nullable: true, description: 'At least one of these filters holds (或).' })
  or?: ComputeCenterFilter[] | null;

  @Field(() => ComputeCenterFilter, { nullable: true, description: 'This filter does not hold (非). Wrap several in and or or.' })
  not?: ComputeCenterFilter | null;
}

export enum ComputeCenterOrderField {
  ID = 'ID',
  NAME = 'NAME',
  KIND = 'KIND',
  IN_COMPUTE_NETWORK = 'IN_COMPUTE_NETWORK',
  TOTAL_CAPACITY = 'TOTAL_CAPACITY',
}

registerEnumType(ComputeCenterOrderField, {
  name: 'ComputeCenterOrderField',
  description: 'What to sort compute facilities by.',
  valuesConfig: {
    ID: { description: 'Order of entry into the directory (the default).' },
    NAME: { description: '名称 Chinese name in pinyin order (拼音排序).' },
    KIND: { description: '类别 Kind in the order GENERAL, INTELLIGENT, SUPERCOMPUTING, EDGE; unknown kinds last.' },
    IN_COMPUTE_NETWORK: { description: '算力“一张网” Members of the compute network first (ascending), then non-members; unknown last.' },
    TOTAL_CAPACITY: { description: '总算力 Sum of the stated capacities of every kind; facilities without a figure last.' },
  },
});

export const ComputeCenterOrder = orderInput('ComputeCenterOrder', ComputeCenterOrderField, 'compute facilities');
export type ComputeCenterOrder = InstanceType<typeof ComputeCenterOrder>;
