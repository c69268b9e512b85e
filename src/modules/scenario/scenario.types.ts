import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../common/editing/user-error';
import { connectionType } from '../../common/relay/connection.types';
import { Scenario } from './scenario.entity';

export const ScenarioConnection = connectionType(() => Scenario, 'Scenario', 'application scenario');

@ObjectType({ description: 'Result of createScenario / updateScenario.' })
export class ScenarioPayload {
  @Field(() => Scenario, { nullable: true, description: 'The scenario after the write; null when userErrors is not empty.' })
  scenario!: Scenario | null;

  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' })
  userErrors!: UserError[];
}
