import { OptionalField } from '../../common/inputs/fields';
import { GraphQLDate } from 'graphql-scalars';
import { deleteInput, versionedInput } from '../../common/inputs/record-inputs';
import { Field, Float, ID, InputType } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { IntRange, listOrder } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';

@InputType({
  description: '算力券发放筛选 Narrows a list of voucher grants. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class ComputeVoucherGrantFilter extends composableFilter('ComputeVoucherGrantFilter', (): object => ComputeVoucherGrantFilter) {
  @OptionalField([ID], 'Grants of any of these programmes (ComputeVoucherProgram IDs).') programIds?: string[] | null;
  @OptionalField([ID], 'Grants to any of these firms (Enterprise IDs).') enterpriseIds?: string[] | null;
  @OptionalField([ID], 'Grants redeemed at any of these compute facilities (ComputeCenter IDs).') computeCenterIds?: string[] | null;
  @OptionalField([ID], '园区 Grants to firms located in any of these parks (Park IDs).') parkIds?: string[] | null;
  @OptionalField([SectorCode], '领域 Grants to firms serving any of these sectors.') sectors?: SectorCode[] | null;

  @OptionalField(IntRange, '年度 Grants whose year is in this range: the year of the grant date, else of its programme; grants of unknown year never match.')
  year?: IntRange | null;
}

export const { fields: ComputeVoucherGrantOrderField, input: ComputeVoucherGrantOrder } = listOrder('ComputeVoucherGrant', 'voucher grants', {
  GRANTED_ON: '发放日期 Date of the grant; unknown dates last.',
  AMOUNT: '金额 Amount, to the whole yuan (ties by ID).',
});
export type ComputeVoucherGrantOrder = InstanceType<typeof ComputeVoucherGrantOrder>;
export type ComputeVoucherGrantOrderField = (typeof ComputeVoucherGrantOrderField)[keyof typeof ComputeVoucherGrantOrderField];

@InputType({ description: '新增算力券发放 A new voucher grant. The programme and the firm must exist; nothing is written otherwise.' })
export class CreateComputeVoucherGrantInput {
  @Field(() => ID, { description: 'The programme (ComputeVoucherProgram ID).' })
  programId!: string;

  @Field(() => ID, { description: 'The firm granted the vouchers (Enterprise ID).' })
  enterpriseId!: string;

  @OptionalField(ID, 'The compute facility that redeems them (ComputeCenter ID), when known.') computeCenterId?: string | null;

  @Field(() => Float, { description: 'Amount in yuan (元): greater than 0, at most two decimals, at most 10亿.' })
  amountYuan!: number;

  @OptionalField(GraphQLDate, 'Date of the grant (YYYY-MM-DD).') grantedOn?: Date | string | null;
  @OptionalField(String, 'Remarks.') note?: string | null;
}

@InputType({ description: '修改算力券发放 Changes to a grant; only the fields sent change, null clears an optional field.' })
export class UpdateComputeVoucherGrantInput extends versionedInput('The grant to change.') {
  @OptionalField(ID, 'The programme; cannot be cleared.') programId?: string | null;
  @OptionalField(ID, 'The firm; cannot be cleared.') enterpriseId?: string | null;
  @OptionalField(ID, 'The compute facility that redeems the vouchers; null clears it.') computeCenterId?: string | null;
  @OptionalField(Float, 'Amount in yuan; cannot be cleared.') amountYuan?: number | null;
  @OptionalField(GraphQLDate, 'Date of the grant.') grantedOn?: Date | string | null;
  @OptionalField(String, 'Remarks.') note?: string | null;
}

@InputType({ description: '删除算力券发放 The grant to delete.' })
export class DeleteComputeVoucherGrantInput extends deleteInput('grant') {}
