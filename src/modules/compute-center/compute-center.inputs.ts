import { Field, InputType } from 'type-graphql';
import { DirectoryFilterFields } from '../../common/filter.inputs';

@InputType({
  description: '算力设施筛选 Narrows a list of compute facilities. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class ComputeCenterFilter extends DirectoryFilterFields {
  @Field(() => [ComputeCenterFilter], { nullable: true, description: 'Every one of these filters holds (且).' })
  and?: ComputeCenterFilter[] | null;

  @Field(() => [ComputeCenterFilter], { nullable: true, description: 'At least one of these filters holds (或).' })
  or?: ComputeCenterFilter[] | null;

  @Field(() => ComputeCenterFilter, { nullable: true, description: 'This filter does not hold (非). Wrap several in and or or.' })
  not?: ComputeCenterFilter | null;
}
