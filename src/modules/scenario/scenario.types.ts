import { writePayload } from '../../common/payload-type';
import { ObjectType } from 'type-graphql';
import { connectionType } from '../../common/relay/connection.types';
import { Scenario } from './scenario.entity';

export const ScenarioConnection = connectionType(() => Scenario, 'Scenario', 'application scenario');

@ObjectType({ description: 'Result of createScenario / updateScenario.' })
export class ScenarioPayload extends writePayload(() => Scenario, 'scenario', 'scenario') {}
