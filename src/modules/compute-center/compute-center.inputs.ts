import { OptionalField } from '../../common/inputs/fields';
import { GraphQLURL } from 'graphql-scalars';
import { DescribedRecordInput, describedUpdateInput, detachingDeleteInput, NOT_IN_SCHEMA } from '../../common/inputs/record-inputs';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { ComputeCenterStatus } from './compute-center.entity';
import { ComputeKind } from './compute-center.enums';

@InputType({
  description: '算力设施筛选 Narrows a list of compute facilities. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class ComputeCenterFilter extends composableFilter('ComputeCenterFilter', (): object => ComputeCenterFilter) {
  @OptionalField([ComputeKind], '类别 Facilities of any of these kinds: their main kind, or a capacity of that kind. A facility of unknown kind never matches.')
  kinds?: ComputeKind[] | null;

  @OptionalField(
    Boolean,
    '算力“一张网” true: facilities known to be in the citywide compute network; false: known not to be. Unknown membership matches neither.',
  )
  inComputeNetwork?: boolean | null;

  @OptionalField([ComputeCenterStatus], 'Facilities at any of these stages.') statuses?: ComputeCenterStatus[] | null;
  @OptionalField([ID], 'Facilities located in any of these parks (Park IDs).') parkIds?: string[] | null;
}

export const { fields: ComputeCenterOrderField, input: ComputeCenterOrder } = listOrder('ComputeCenter', 'compute facilities', {
  NAME: ORDER_BY_NAME,
  KIND: '类别 Kind in the order GENERAL, INTELLIGENT, SUPERCOMPUTING, EDGE; unknown kinds last.',
  IN_COMPUTE_NETWORK: '算力“一张网” Members of the compute network first (ascending), then non-members; unknown last.',
  TOTAL_CAPACITY: '总算力 Sum of the stated capacities of every kind; facilities without a figure last.',
});
export type ComputeCenterOrder = InstanceType<typeof ComputeCenterOrder>;
export type ComputeCenterOrderField = (typeof ComputeCenterOrderField)[keyof typeof ComputeCenterOrderField];

@InputType({
  description:
    '新增算力设施 A new compute facility. Provenance: USER_ENTERED by the key. Capacities are set afterwards, each with its source, by setComputeCapacity.',
})
export class CreateComputeCenterInput extends DescribedRecordInput {
  @OptionalField(String, 'Operator, in Chinese, as the source names it.') operatorZh?: string | null;
  @OptionalField(ComputeKind, '类别 Main kind, where a source states it; send kindNote with it. Omit when no source says.') kind?: ComputeKind | null;
  @OptionalField(String, 'Which source states the kind (required with kind), or why it is unknown.') kindNote?: string | null;
  @OptionalField(Boolean, '算力“一张网” Whether the facility is in the citywide compute network; omit when no source says.') inComputeNetwork?: boolean | null;

  @Field(() => ComputeCenterStatus, { description: 'Stage of the facility.' })
  status!: ComputeCenterStatus;

  @OptionalField(ID, 'Park the facility is located in (Park ID).') parkId?: string | null;
}

@InputType({ description: '修改算力设施 Changes to a compute facility; only the fields sent change, null clears an optional field.' })
export class UpdateComputeCenterInput extends describedUpdateInput('facility') {
  @OptionalField(String, 'Operator, in Chinese.') operatorZh?: string | null;
  @OptionalField(ComputeKind, '类别 Main kind; send kindNote with it. null: no source states it.') kind?: ComputeKind | null;
  @OptionalField(String, 'Which source states the kind (required when kind is sent), or why it is unknown.') kindNote?: string | null;
  @OptionalField(Boolean, '算力“一张网” Membership in the citywide compute network; null: unknown.') inComputeNetwork?: boolean | null;
  @OptionalField(ComputeCenterStatus, 'Stage of the facility; cannot be cleared.') status?: ComputeCenterStatus | null;
  @OptionalField(ID, 'Park the facility is located in; null clears it.') parkId?: string | null;
}

@InputType({ description: '删除算力设施 The facility to delete; its capacities go with it.' })
export class DeleteComputeCenterInput extends detachingDeleteInput(
  'facility',
  'Clear the facility from the 算力券 grants redeemed at it (the grants stay, without a facility), then delete it; otherwise such grants refuse the delete (HAS_DEPENDANTS).',
) {}

/** The facility whose capacities change, at the version the client read (its version goes up). */
@InputType('FacilityAtVersionInputBase', { description: NOT_IN_SCHEMA })
abstract class FacilityAtVersion {
  @Field(() => ID, { description: 'The facility (ComputeCenter ID).' })
  computeCenterId!: string;

  @Field(() => Int, { description: 'The facility’s version you read; a stale one gets CONFLICT and nothing is written.' })
  expectedVersion!: number;
}

@InputType({
  description:
    '设置分类算力 Sets a facility’s capacity of one kind, replacing any figure of that kind, with the source that states it. The facility’s version goes up.',
})
export class SetComputeCapacityInput extends FacilityAtVersion {
  @Field(() => ComputeKind, { description: 'Kind of the figure (智算 INTELLIGENT is what the plan’s 智能算力 targets count).' })
  kind!: ComputeKind;

  @Field(() => Float, { description: 'Capacity in PFLOPS (P), as the source states it: 0 or more, at most 100000.' })
  capacityPflops!: number;

  @Field({ description: '来源 Title of the source that states the figure (document, web page), not blank: the figure’s provenance.' })
  source!: string;

  @OptionalField(GraphQLURL, 'Address of the source, an http(s) URL.') sourceUrl?: URL | null;
  @OptionalField(String, 'Caveats, e.g. the precision (FP16) when the source states it.') note?: string | null;
}

@InputType({ description: '删除分类算力 Removes a facility’s capacity of one kind. The facility’s version goes up.' })
export class RemoveComputeCapacityInput extends FacilityAtVersion {
  @Field(() => ComputeKind, { description: 'Kind whose figure to remove; NOT_FOUND when the facility has none of this kind.' })
  kind!: ComputeKind;
}
