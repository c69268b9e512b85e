import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { LargeModel } from './large-model.entity';

export const LargeModelConnection = connectionType(() => LargeModel, 'LargeModel', 'large model');

@ObjectType({ description: 'Result of createLargeModel / updateLargeModel.' })
export class LargeModelPayload extends writePayload(() => LargeModel, 'largeModel', 'model') {}
