import { composableFilter, legacyCombinators } from '../../common/composable-filter';
import { DescribedRecordInput, deleteInput, describedUpdateInput } from '../../common/inputs/record-inputs';
import { OptionalField, SearchField } from '../../common/inputs/fields';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IntRange, listOrder, ORDER_BY_NAME } from '../../common/filter.inputs';
import { SectorCode } from '../sector/sector-code.enum';
import { ScenarioStatus } from '../../common/vocabulary/scenario-status.enum';

@InputType({
  description: 'Narrows a list of scenarios. Fields combine with AND; values inside one list with OR. and, or and not nest other filters (at most 5 levels).',
})
export class ScenarioFilter extends composableFilter('ScenarioFilter', (): object => ScenarioFilter) {
  @OptionalField([SectorCode], 'Scenarios in any of these sectors.') sectors?: SectorCode[] | null;
  @OptionalField([ScenarioStatus], 'Scenarios at any of these stages.') statuses?: ScenarioStatus[] | null;
  @OptionalField([ID], 'Scenarios located in any of these parks (Park IDs).') parkIds?: string[] | null;
  @OptionalField([Int], 'Scenarios of any of these years.') years?: number[] | null;
  @SearchField('a name') search?: string | null;
  @OptionalField(IntRange, 'Year (年份) within this range; scenarios with unknown year never match.') yearRange?: IntRange | null;

  /** Deprecated spellings, declared by legacyCombinators below. */
  declare AND?: ScenarioFilter[] | null;
  declare OR?: ScenarioFilter[] | null;
  declare NOT?: ScenarioFilter | null;
}
legacyCombinators(ScenarioFilter);

export const { fields: ScenarioOrderField, input: ScenarioOrder } = listOrder('Scenario', 'scenarios', {
  NAME: ORDER_BY_NAME,
  YEAR: '年份 Year; unknown years last.',
});
export type ScenarioOrder = InstanceType<typeof ScenarioOrder>;
export type ScenarioOrderField = (typeof ScenarioOrderField)[keyof typeof ScenarioOrderField];

@InputType({ description: '新增应用场景 A new "AI+" scenario.' })
export class CreateScenarioInput extends DescribedRecordInput {
  @Field(() => SectorCode, { description: 'The focus sector the scenario belongs to.' })
  sector!: SectorCode;

  @Field(() => ScenarioStatus, { description: 'Stage of the scenario.' })
  status!: ScenarioStatus;

  @OptionalField(Int, 'Year opened or reached its status (1900 to next year).') year?: number | null;
  @OptionalField(ID, 'The park where it runs.') parkId?: string | null;
  @OptionalField([ID], 'Firms providing it (Enterprise IDs).') providerIds?: string[] | null;
}

@InputType({
  description:
    '修改应用场景 Changes to a scenario; only the fields sent change, null clears an optional field. Providers change with link/unlinkScenarioProvider.',
})
export class UpdateScenarioInput extends describedUpdateInput('scenario') {
  @OptionalField(SectorCode, 'Sector; cannot be cleared.') sector?: SectorCode | null;
  @OptionalField(ScenarioStatus, 'Stage; cannot be cleared.') status?: ScenarioStatus | null;
  @OptionalField(Int, 'Year.') year?: number | null;
  @OptionalField(ID, 'The park; null clears it.') parkId?: string | null;
}

@InputType({ description: '删除应用场景 The scenario to delete.' })
export class DeleteScenarioInput extends deleteInput('scenario') {}
