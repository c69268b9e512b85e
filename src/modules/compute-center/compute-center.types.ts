import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { ComputeCenter } from './compute-center.entity';

export const ComputeCenterConnection = connectionType(() => ComputeCenter, 'ComputeCenter', 'compute facility');

@ObjectType({ description: 'Result of a write to a compute facility or its capacities.' })
export class ComputeCenterPayload extends writePayload(() => ComputeCenter, 'computeCenter', 'facility') {}
