import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { Enterprise } from '../enterprise/enterprise.entity';
import { FirmFigure } from './firm-figure.entity';

@ObjectType({ description: 'Result of addFirmFigure / updateFirmFigure.' })
export class FirmFigurePayload {
  @Field(() => FirmFigure, { nullable: true, description: 'The figure after the write; null when userErrors is not empty.' })
  firmFigure!: FirmFigure | null;

  @Field(() => Enterprise, { nullable: true, description: 'The firm the figure belongs to, after the write; null when userErrors is not empty.' })
  enterprise!: Enterprise | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}
