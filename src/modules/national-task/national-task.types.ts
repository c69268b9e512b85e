import { writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { Organization, OrganizationNode } from '../institution/institution.types';
import { NationalInnovationTask } from './national-task.entity';

export const NationalInnovationTaskConnection = connectionType(() => NationalInnovationTask, 'NationalInnovationTask', 'national AI innovation task');

@ObjectType({ description: 'Result of createNationalInnovationTask / updateNationalInnovationTask.' })
export class NationalInnovationTaskPayload extends writePayload(() => NationalInnovationTask, 'nationalInnovationTask', 'task') {}

@ObjectType({ description: 'Result of linkNationalTaskWinner / unlinkNationalTaskWinner.' })
export class NationalTaskWinnerPayload {
  @Field({ description: 'Whether the link was added or removed; false when it already was as asked.' })
  changed!: boolean;

  @Field(() => NationalInnovationTask, { nullable: true, description: 'The task, after the change; null when userErrors is not empty.' })
  nationalInnovationTask!: NationalInnovationTask | null;

  @Field(() => Organization, { nullable: true, description: 'The winning firm or institution; null when userErrors is not empty.' })
  winner!: OrganizationNode | null;

  @Field(() => [UserError], { description: 'Why nothing changed (a record not found, a wrong ID); empty on success.' })
  userErrors!: UserError[];
}
