import { OptionalField, SearchField } from '../../common/inputs/fields';
import { DescribedRecordInput, describedUpdateInput, detachingDeleteInput } from '../../common/inputs/record-inputs';
import { Field, InputType } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { InstitutionKind } from './institution-kind.enum';

@InputType({
  description:
    '高校院所筛选 Narrows a list of institutions. Fields combine with AND; values inside one list with OR; and, or and not nest other filters (at most 5 levels).',
})
export class InstitutionFilter extends composableFilter('InstitutionFilter', (): object => InstitutionFilter) {
  @OptionalField([InstitutionKind], 'Institutions of any of these kinds.') kinds?: InstitutionKind[] | null;
  @OptionalField([String], 'Institutions in any of these districts (所在区, in Chinese, e.g. 崂山区).') districts?: string[] | null;
  @SearchField() search?: string | null;
}

export const { fields: InstitutionOrderField, input: InstitutionOrder } = listOrder('Institution', 'institutions', {
  NAME: ORDER_BY_NAME,
});
export type InstitutionOrder = InstanceType<typeof InstitutionOrder>;
export type InstitutionOrderField = (typeof InstitutionOrderField)[keyof typeof InstitutionOrderField];

@InputType({ description: '新增高校院所 A new university or research institute.' })
export class CreateInstitutionInput extends DescribedRecordInput {
  @OptionalField([String], 'Other names (别名).') aliases?: string[] | null;

  @Field(() => InstitutionKind, { description: 'University or research institute.' })
  kind!: InstitutionKind;

  @OptionalField(String, 'District of Qingdao (所在区), in Chinese.') district?: string | null;
  @OptionalField(String, 'Website (http or https).') website?: string | null;
}

@InputType({
  description:
    '修改高校院所 Changes to an institution; only the fields sent change, null clears an optional field. Hosted platforms change with link/unlinkPlatformInstitutionHost, tasks with link/unlinkNationalTaskWinner.',
})
export class UpdateInstitutionInput extends describedUpdateInput('institution') {
  @OptionalField([String], 'Other names; replaces the list.') aliases?: string[] | null;
  @OptionalField(InstitutionKind, 'Kind; cannot be cleared.') kind?: InstitutionKind | null;
  @OptionalField(String, 'District.') district?: string | null;
  @OptionalField(String, 'Website.') website?: string | null;
}

@InputType({ description: '删除高校院所 The institution to delete, and whether to unlink what depends on it.' })
export class DeleteInstitutionInput extends detachingDeleteInput(
  'institution',
  'Unlink the platforms it hosts and the tasks it won, then delete it; otherwise such links refuse the delete (HAS_DEPENDANTS).',
) {}
