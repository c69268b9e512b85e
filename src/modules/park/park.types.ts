import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Park } from './park.entity';

export const ParkConnection = connectionType(() => Park, 'Park', 'park');

@ObjectType({ description: 'Result of createPark / updatePark.' })
export class ParkPayload extends writePayload(() => Park, 'park', 'park') {}
