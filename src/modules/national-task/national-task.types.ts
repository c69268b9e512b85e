import { LinkPayload, writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Organization, OrganizationNode } from '../institution/institution.types';
import { NationalInnovationTask } from './national-task.entity';

export const NationalInnovationTaskConnection = connectionType(() => NationalInnovationTask, 'NationalInnovationTask', 'national AI innovation task');

@ObjectType({ description: 'Result of createNationalInnovationTask / updateNationalInnovationTask.' })
export class NationalInnovationTaskPayload extends writePayload(() => NationalInnovationTask, 'nationalInnovationTask', 'task') {}

@ObjectType({ description: 'Result of linkNationalTaskWinner / unlinkNationalTaskWinner.' })
export class NationalTaskWinnerPayload extends LinkPayload {
  @Field(() => NationalInnovationTask, { nullable: true, description: 'The task, after the change; null when userErrors is not empty.' })
  nationalInnovationTask!: NationalInnovationTask | null;

  @Field(() => Organization, { nullable: true, description: 'The winning firm or institution; null when userErrors is not empty.' })
  winner!: OrganizationNode | null;
}
