import { defineEntityType } from '../../common/entity-type';
import { enterpriseEditing } from './enterprise.editing';
import { Enterprise } from './enterprise.entity';

/** The Enterprise type as the shared machinery sees it: see src/common/entity-type.ts. */
export const enterpriseType = defineEntityType(Enterprise, {
  alias: 'e',
  search: { type: 'ENTERPRISE', order: 2 },
  graph: { kind: 'ENTERPRISE', attributes: { layer: 'layer' } },
  editing: enterpriseEditing,
});
