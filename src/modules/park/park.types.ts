import { connectionType } from '../../common/relay/connection.types';
import { Park } from './park.entity';

export const ParkConnection = connectionType(() => Park, 'Park', 'park');
