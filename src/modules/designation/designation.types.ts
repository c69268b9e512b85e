import { writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { Enterprise } from '../enterprise/enterprise.entity';
import { Designation } from './designation.entity';

@ObjectType({ description: 'Result of addDesignation / updateDesignation.' })
export class DesignationPayload extends writePayload(() => Designation, 'designation', 'recognition') {
  @Field(() => Enterprise, { nullable: true, description: 'The firm holding it, after the write; null when userErrors is not empty.' })
  enterprise!: Enterprise | null;
}
