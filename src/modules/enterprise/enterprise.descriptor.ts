import { defineEntityType } from '../../common/entity-type';
import { enterpriseEditing } from './enterprise.editing';
import { Enterprise } from './enterprise.entity';
import type { CreateEnterpriseInput, UpdateEnterpriseInput } from './enterprise.inputs';

/** The Enterprise type as the shared machinery sees it: see src/common/entity-type.ts. */
export const enterpriseType = defineEntityType<Enterprise, CreateEnterpriseInput, UpdateEnterpriseInput>(Enterprise, {
  typeName: 'Enterprise',
  alias: 'e',
  search: { type: 'ENTERPRISE', order: 2 },
  graph: { kind: 'ENTERPRISE', attributes: { layer: 'layer' } },
  editing: enterpriseEditing,
});
