import { searchableRecord } from '../../common/base-entity';
import { Entity, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';

@Entity({ tableName: 'compute_voucher_program' })
@ObjectType({
  implements: Node,
  description:
    '算力券项目 A compute-voucher programme (算力券): vouchers a government issues, usually every year, so that firms (especially SMEs) can buy or rent compute for less.',
})
export class ComputeVoucherProgram extends searchableRecord({ nameZh: 'Chinese name, e.g. 2025年算力券.' }) implements Node {
  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Year the programme covers; null for a standing programme whose year no source gives.' })
  year?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '发放单位 Issuer, in Chinese, as the source names it.' })
  issuerZh?: string | null;

  /** Stored as numeric(16, 2); read as a string by the driver, exposed as a number by the resolver. */
  @Property({ type: 'decimal', precision: 16, scale: 2, nullable: true })
  totalBudgetYuan?: string | number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '规则 The programme’s rules (who may apply, caps, share of the cost covered), Chinese first, English after.',
  })
  rules?: string | null;
}
