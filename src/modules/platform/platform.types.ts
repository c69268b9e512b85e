import { LinkPayload, writePayload } from '../../common/payload-type';
import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { InnovationPlatform } from './platform.entity';
import { Institution } from '../institution/institution.entity';

export const InnovationPlatformConnection = connectionType(() => InnovationPlatform, 'InnovationPlatform', 'innovation platform');

@ObjectType({ description: 'Result of createInnovationPlatform / updateInnovationPlatform.' })
export class InnovationPlatformPayload extends writePayload(() => InnovationPlatform, 'innovationPlatform', 'platform') {}

@ObjectType({ description: 'Result of linkPlatformInstitutionHost / unlinkPlatformInstitutionHost.' })
export class PlatformInstitutionHostPayload extends LinkPayload {
  @Field(() => InnovationPlatform, { nullable: true, description: 'The platform, after the change; null when userErrors is not empty.' })
  innovationPlatform!: InnovationPlatform | null;

  @Field(() => Institution, { nullable: true, description: 'The institution, after the change; null when userErrors is not empty.' })
  institution!: Institution | null;
}
