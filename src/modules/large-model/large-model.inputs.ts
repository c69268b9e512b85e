import { Field, ID, InputType, Int } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { SectorCode } from '../sector/sector-code.enum';
import { LargeModelDomain, LargeModelStatus } from './large-model.enums';

@InputType({
  description: '大模型筛选 Narrows a list of large models. Fields combine with AND; and, or and not nest other filters (at most 5 levels).',
})
export class LargeModelFilter extends composableFilter('LargeModelFilter', (): object => LargeModelFilter) {}

@InputType({ description: '新增大模型 A new large model.' })
export class CreateLargeModelInput {
  @Field({ description: 'Chinese name, not blank.' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => LargeModelDomain, { description: 'Application domain.' })
  domain!: LargeModelDomain;

  @Field(() => LargeModelStatus, { description: 'Stage of the product.' })
  status!: LargeModelStatus;

  @Field(() => Int, { nullable: true, description: 'Year of first release (1900 to next year).' })
  releasedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Firms developing it (Enterprise IDs).' })
  developerIds?: string[] | null;

  @Field(() => [SectorCode], { nullable: true, description: 'Sectors it serves.' })
  sectors?: SectorCode[] | null;
}

@InputType({ description: '修改大模型 Changes to a large model; only the fields sent change, null clears an optional field.' })
export class UpdateLargeModelInput {
  @Field(() => ID, { description: 'The model to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT and nothing is written.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Chinese name; cannot be cleared.' })
  nameZh?: string | null;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn?: string | null;

  @Field(() => LargeModelDomain, { nullable: true, description: 'Domain; cannot be cleared.' })
  domain?: LargeModelDomain | null;

  @Field(() => LargeModelStatus, { nullable: true, description: 'Stage; cannot be cleared.' })
  status?: LargeModelStatus | null;

  @Field(() => Int, { nullable: true, description: 'Year of first release.' })
  releasedYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description?: string | null;
}

@InputType({ description: '删除大模型 The model to delete.' })
export class DeleteLargeModelInput {
  @Field(() => ID, { description: 'ID of the model to delete.' })
  id!: string;
}
