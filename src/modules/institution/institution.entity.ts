import { aliasedRecord } from '../../common/base-entity';
import { Entity, Enum, Property } from '@mikro-orm/core';
import { GraphQLURL } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { InstitutionKind } from './institution-kind.enum';

@Entity({ tableName: 'institution' })
@ObjectType({
  implements: Node,
  description:
    '高校院所 A university or research institute: co-founds research institutes and platforms with firms (行动计划：“推动行业企业与高校院所合作”) and wins national tasks.',
})
export class Institution extends aliasedRecord({ aliases: 'Other names (别名), e.g. a former name.' }) implements Node {
  @Enum({ items: () => InstitutionKind, index: 'institution_kind_index' })
  @Field(() => InstitutionKind, { description: 'University (高校) or research institute (科研院所).' })
  kind!: InstitutionKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'District of Qingdao it is in (所在区), in Chinese, when known.' })
  district?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => GraphQLURL, { nullable: true, description: 'Website.' })
  website?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Description, Chinese first, English after.' })
  description?: string | null;
}
