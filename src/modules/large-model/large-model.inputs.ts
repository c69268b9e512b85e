import { OptionalField } from '../../common/inputs/fields';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DescribedRecordInput, deleteInput, describedUpdateInput } from '../../common/inputs/record-inputs';
import { composableFilter } from '../../common/composable-filter';
import { SectorCode } from '../sector/sector-code.enum';
import { LargeModelDomain, LargeModelStatus } from './large-model.enums';

@InputType({
  description: '大模型筛选 Narrows a list of large models. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class LargeModelFilter extends composableFilter('LargeModelFilter', (): object => LargeModelFilter) {}

@InputType({ description: '新增大模型 A new large model.' })
export class CreateLargeModelInput extends DescribedRecordInput {
  @Field(() => LargeModelDomain, { description: 'Application domain.' })
  domain!: LargeModelDomain;

  @Field(() => LargeModelStatus, { description: 'Stage of the product.' })
  status!: LargeModelStatus;

  @OptionalField(Int, 'Year of first release (1900 to next year).') releasedYear?: number | null;
  @OptionalField([ID], 'Firms developing it (Enterprise IDs).') developerIds?: string[] | null;
  @OptionalField([SectorCode], 'Sectors it serves.') sectors?: SectorCode[] | null;
}

@InputType({ description: '修改大模型 Changes to a large model; only the fields sent change, null clears an optional field.' })
export class UpdateLargeModelInput extends describedUpdateInput('model') {
  @OptionalField(LargeModelDomain, 'Domain; cannot be cleared.') domain?: LargeModelDomain | null;
  @OptionalField(LargeModelStatus, 'Stage; cannot be cleared.') status?: LargeModelStatus | null;
  @OptionalField(Int, 'Year of first release.') releasedYear?: number | null;
}

@InputType({ description: '删除大模型 The model to delete.' })
export class DeleteLargeModelInput extends deleteInput('model') {}
