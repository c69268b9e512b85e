import { connectionType } from '../../common/relay/connection.types';
import { LargeModel } from './large-model.entity';

export const LargeModelConnection = connectionType(() => LargeModel, 'LargeModel', 'large model');
