import { versionedRecord } from '../../common/base-entity';
import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/node';
import { ComputeCenter } from '../compute-center/compute-center.entity';
import { Enterprise } from '../enterprise/enterprise.entity';
import { ComputeVoucherProgram } from '../voucher-program/voucher-program.entity';

@Entity({ tableName: 'compute_voucher_grant' })
@ObjectType({
  implements: Node,
  description: '算力券发放 A compute-voucher grant: an amount of a programme granted to a firm, redeemed at a compute facility.',
})
export class ComputeVoucherGrant extends versionedRecord() implements Node {
  @ManyToOne({ entity: () => ComputeVoucherProgram, index: 'compute_voucher_grant_program_id_index' })
  program!: ComputeVoucherProgram;

  @ManyToOne({ entity: () => Enterprise, index: 'compute_voucher_grant_enterprise_id_index' })
  enterprise!: Enterprise;

  @ManyToOne({ entity: () => ComputeCenter, nullable: true, deleteRule: 'set null', index: 'compute_voucher_grant_compute_center_id_index' })
  computeCenter?: ComputeCenter | null;

  /** numeric(16, 2), read as text by the driver; the resolver gives the number. */
  @Property({ type: 'decimal', precision: 16, scale: 2 })
  amountYuan!: string | number;

  @Property({ type: 'date', nullable: true })
  grantedOn?: string | Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Remarks, Chinese first, English after.' })
  note?: string | null;
}
