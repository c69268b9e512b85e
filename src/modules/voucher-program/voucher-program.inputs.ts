import { OptionalField } from '../../common/inputs/fields';
import { Float, InputType, Int } from 'type-graphql';
import { NamedRecordInput, deleteInput, namedUpdateInput } from '../../common/inputs/record-inputs';
import { composableFilter } from '../../common/composable-filter';
import { IntRange, listOrder } from '../../common/filter.inputs';

@InputType({
  description: '算力券项目筛选 Narrows a list of voucher programmes. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class ComputeVoucherProgramFilter extends composableFilter('ComputeVoucherProgramFilter', (): object => ComputeVoucherProgramFilter) {
  @OptionalField(IntRange, 'Programmes whose year is in this range; standing programmes (no year) never match.') year?: IntRange | null;
}

export const { fields: ComputeVoucherProgramOrderField, input: ComputeVoucherProgramOrder } = listOrder('ComputeVoucherProgram', 'voucher programmes', {
  YEAR: '年度 Year; standing programmes (no year) last.',
});
export type ComputeVoucherProgramOrder = InstanceType<typeof ComputeVoucherProgramOrder>;
export type ComputeVoucherProgramOrderField = (typeof ComputeVoucherProgramOrderField)[keyof typeof ComputeVoucherProgramOrderField];

@InputType({ description: '新增算力券项目 A new voucher programme.' })
export class CreateComputeVoucherProgramInput extends NamedRecordInput {
  @OptionalField(Int, 'Year the programme covers (1900 to next year); omit for a standing programme.') year?: number | null;
  @OptionalField(String, 'Issuer, in Chinese.') issuerZh?: string | null;
  @OptionalField(Float, 'Total budget in yuan (元), not negative, at most two decimals.') totalBudgetYuan?: number | null;
  @OptionalField(String, 'The rules, Chinese first, English after.') rules?: string | null;
}

@InputType({ description: '修改算力券项目 Changes to a voucher programme; only the fields sent change, null clears an optional field.' })
export class UpdateComputeVoucherProgramInput extends namedUpdateInput('programme') {
  @OptionalField(Int, 'Year the programme covers.') year?: number | null;
  @OptionalField(String, 'Issuer, in Chinese.') issuerZh?: string | null;
  @OptionalField(Float, 'Total budget in yuan (元).') totalBudgetYuan?: number | null;
  @OptionalField(String, 'The rules.') rules?: string | null;
}

@InputType({ description: '删除算力券项目 The programme to delete; refused (HAS_DEPENDANTS) while grants belong to it.' })
export class DeleteComputeVoucherProgramInput extends deleteInput('programme') {}
