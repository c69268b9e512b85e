import { connectionType } from '../../common/relay/connection.types';
import { Scenario } from './scenario.entity';

export const ScenarioConnection = connectionType(() => Scenario, 'Scenario', 'application scenario');
