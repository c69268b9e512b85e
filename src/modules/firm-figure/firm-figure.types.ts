import { writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { Enterprise } from '../enterprise/enterprise.entity';
import { FirmFigure } from './firm-figure.entity';

@ObjectType({ description: 'Result of addFirmFigure / updateFirmFigure.' })
export class FirmFigurePayload extends writePayload(() => FirmFigure, 'firmFigure', 'figure') {
  @Field(() => Enterprise, { nullable: true, description: 'The firm the figure belongs to, after the write; null when userErrors is not empty.' })
  enterprise!: Enterprise | null;
}
