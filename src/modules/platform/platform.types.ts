import { connectionType } from '../../common/relay/connection.types';
import { InnovationPlatform } from './platform.entity';

export const InnovationPlatformConnection = connectionType(() => InnovationPlatform, 'InnovationPlatform', 'innovation platform');
