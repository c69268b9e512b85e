import { OptionalField, SearchField } from '../../common/inputs/fields';
import { deleteInput, versionedInput } from '../../common/inputs/record-inputs';
import { Field, ID, InputType, Int } from 'type-graphql';
import { composableFilter } from '../../common/composable-filter';
import { IntRange, listOrder } from '../../common/filter.inputs';

@InputType({
  description:
    '国家创新任务筛选 Narrows a list of national AI innovation tasks. Fields combine with AND; values inside one list with OR; and, or and not nest other filters (at most 5 levels).',
})
export class NationalInnovationTaskFilter extends composableFilter('NationalInnovationTaskFilter', (): object => NationalInnovationTaskFilter) {
  @OptionalField(IntRange, 'Year within this range.') year?: IntRange | null;
  @OptionalField([ID], 'Tasks won by any of these firms or institutions (Enterprise or Institution IDs).') winnerIds?: string[] | null;
  @SearchField('the title') search?: string | null;
}

export const { fields: NationalInnovationTaskOrderField, input: NationalInnovationTaskOrder } = listOrder('NationalInnovationTask', 'national tasks', {
  YEAR: '年份 Year the winners were announced.',
  NAME: '名称 Chinese title in pinyin order (拼音排序).',
});
export type NationalInnovationTaskOrder = InstanceType<typeof NationalInnovationTaskOrder>;
export type NationalInnovationTaskOrderField = (typeof NationalInnovationTaskOrderField)[keyof typeof NationalInnovationTaskOrderField];

@InputType({ description: '新增国家人工智能创新任务 A national AI innovation task and who won it.' })
export class CreateNationalInnovationTaskInput {
  @Field({ description: 'Title in Chinese, not blank.' })
  nameZh!: string;

  @OptionalField(String, 'Title in English.') nameEn?: string | null;

  @Field({ description: 'Issuing ministry or agency in Chinese (发榜部门), not blank.' })
  issuerZh!: string;

  @OptionalField(String, 'Issuing ministry in English.') issuerEn?: string | null;
  @OptionalField(String, 'Batch or call (批次), as the ministry names it.') batch?: string | null;

  @Field(() => Int, { description: 'Year the winners were announced (1900 to next year).' })
  year!: number;

  @OptionalField(String, 'Description, Chinese first, English after.') description?: string | null;
  @OptionalField([ID], '揭榜单位 Firms and institutions that won the task (Enterprise or Institution IDs).') winnerIds?: string[] | null;
}

@InputType({
  description:
    '修改国家人工智能创新任务 Changes to a task; only the fields sent change, null clears an optional field. Winners change with link/unlinkNationalTaskWinner.',
})
export class UpdateNationalInnovationTaskInput extends versionedInput('The task to change.') {
  @OptionalField(String, 'Title in Chinese; cannot be cleared.') nameZh?: string | null;
  @OptionalField(String, 'Title in English.') nameEn?: string | null;
  @OptionalField(String, 'Issuing ministry in Chinese; cannot be cleared.') issuerZh?: string | null;
  @OptionalField(String, 'Issuing ministry in English.') issuerEn?: string | null;
  @OptionalField(String, 'Batch.') batch?: string | null;
  @OptionalField(Int, 'Year; cannot be cleared.') year?: number | null;
  @OptionalField(String, 'Description.') description?: string | null;
}

@InputType({ description: '删除国家人工智能创新任务 The task to delete (its winner links go with it).' })
export class DeleteNationalInnovationTaskInput extends deleteInput('task') {}

@InputType({ description: 'A national task and a firm or institution that won it, to link or unlink (任务 ↔ 揭榜单位).' })
export class NationalTaskWinnerInput {
  @Field(() => ID, { description: 'The task.' })
  taskId!: string;

  @Field(() => ID, { description: 'The winning firm or institution (Enterprise or Institution ID).' })
  winnerId!: string;
}
