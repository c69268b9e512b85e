import { searchableRecord } from '../../common/base-entity';
import { Collection, Entity, ManyToMany, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Institution } from '../institution/institution.entity';

@Entity({ tableName: 'national_innovation_task' })
@ObjectType({
  implements: Node,
  description:
    '国家人工智能创新任务 A national AI innovation task (揭榜挂帅) that firms or institutions of the directory won; the plan’s target is “揭榜国家人工智能创新任务15项以上” by 2026.',
})
export class NationalInnovationTask
  extends searchableRecord({
    nameZh: '任务名称 Title of the task, in Chinese, as the issuing ministry lists it.',
    nameEn: 'Title in English.',
  })
  implements Node
{
  @Property({ type: 'text' })
  @Field({ description: '发榜部门 Issuing ministry or agency, in Chinese (e.g. 工业和信息化部).' })
  issuerZh!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Issuing ministry in English.' })
  issuerEn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '批次 Batch or call the task belongs to, as the ministry names it, when known.' })
  batch?: string | null;

  @Property({ type: 'integer', index: 'national_innovation_task_year_index' })
  @Field(() => Int, { description: '年份 Year the winners were announced.' })
  year!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;

  @ManyToMany({ entity: () => Enterprise, pivotTable: 'national_task_enterprise_winner', joinColumn: 'task_id', inverseJoinColumn: 'enterprise_id' })
  enterpriseWinnerCollection = new Collection<Enterprise>(this);

  @ManyToMany({ entity: () => Institution, pivotTable: 'national_task_institution_winner', joinColumn: 'task_id', inverseJoinColumn: 'institution_id' })
  institutionWinnerCollection = new Collection<Institution>(this);
}
