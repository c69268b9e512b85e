import { Field, Float, ObjectType } from 'type-graphql';
import { Provenance } from '../../common/provenance';
import { ComputeKind } from './compute-center.enums';

/** The table of per-kind capacities (hand-written SQL only: its rows are value objects of a facility). */
export const COMPUTE_CAPACITY_TABLE = 'compute_capacity';

/** One capacity figure of a compute facility: a row of `compute_capacity`, read by a batched loader. */
@ObjectType({ description: '算力容量 Capacity of one kind at a compute facility, with the source that states it.' })
export class ComputeCapacity {
  @Field(() => ComputeKind, { nullable: true, description: 'Kind of compute; null when the source gives a figure without saying which kind.' })
  kind!: ComputeKind | null;

  @Field(() => Float, { description: 'Capacity in PFLOPS (P), as the source states it; the precision (FP16, FP32, FP64) is rarely stated.' })
  capacityPflops!: number;

  @Field(() => Provenance, { description: 'Where this figure comes from.' })
  provenance!: Provenance;
}
