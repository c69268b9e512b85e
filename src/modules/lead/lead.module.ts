import { defineModule } from '../../common/entity-type';
import { leadType } from './lead.descriptor';
import { LeadResolver } from './lead.resolver';

/** The Lead type's descriptor and its resolver: one entry of src/modules/entity-types.ts. */
export const leadModule = defineModule(leadType, [LeadResolver]);
