import { connectionType } from '../../common/relay/connection.types';
import { ComputeCenter } from './compute-center.entity';

export const ComputeCenterConnection = connectionType(() => ComputeCenter, 'ComputeCenter', 'compute facility');
