import { connectionType } from '../../common/relay/connection.types';
import { Enterprise } from './enterprise.entity';

export const EnterpriseConnection = connectionType(() => Enterprise, 'Enterprise', 'enterprise');
